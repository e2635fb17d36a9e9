export function domainPersistence(): string {
  return 'domain-persistence';
}
