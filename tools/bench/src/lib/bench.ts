export function bench(): string {
  return 'bench';
}
