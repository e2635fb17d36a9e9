export function domainModel(): string {
  return 'domain-model';
}
