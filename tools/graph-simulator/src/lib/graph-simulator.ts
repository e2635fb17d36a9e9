export function graphSimulator(): string {
  return 'graph-simulator';
}
