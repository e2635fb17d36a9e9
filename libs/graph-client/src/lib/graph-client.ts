export function graphClient(): string {
  return 'graph-client';
}
