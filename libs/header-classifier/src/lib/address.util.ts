// Address normalisation shared by the matchers and the classifier.

/** Lower-cases and trims an address, dropping surrounding angle brackets. */
export function normalizeAddress(address: string): string {
  let value = address.trim();
  if (value.startsWith('<') && value.endsWith('>')) value = value.slice(1, -1);
  return value.toLowerCase();
}

/** The domain of a normalised address (after the last '@'), or '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1);
}

/** The local part of a normalised address (before the last '@'). */
export function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/** Normalises a domain: lower case, no leading '@' or '.', no trailing '.'. */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[@.]+/, '')
    .replace(/\.+$/, '');
}

/**
 * Finds the entry of `domains` that `domain` equals or is a subdomain of
 * (sales.acme.com belongs to acme.com), walking up one label at a time.
 */
export function matchDomain(
  domain: string,
  domains: ReadonlySet<string>,
): string | undefined {
  if (domains.size === 0 || domain === '') return undefined;
  let candidate = domain;
  for (;;) {
    if (domains.has(candidate)) return candidate;
    const dot = candidate.indexOf('.');
    if (dot < 0) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}
