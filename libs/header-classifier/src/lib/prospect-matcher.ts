import {
  domainOf,
  matchDomain,
  normalizeAddress,
  normalizeDomain,
} from './address.util.js';
import type { ProspectMatcher } from './types.js';

/** How `createProspectMatcher` builds a matcher. */
export interface ProspectMatcherOptions {
  /** Known prospect addresses (any case). */
  addresses?: readonly string[];
  /** Account domains; an address in one of them (or a subdomain) is a prospect when `matchByDomain` is on. */
  accountDomains?: readonly string[];
  /** Whether an address in an account domain counts as a prospect (default true when `accountDomains` is given). */
  matchByDomain?: boolean;
  /**
   * Every address is a prospect. The classifier only asks about external
   * participants, so this means "every external address is a prospect" (the
   * CLI's default when no policy is given).
   */
  matchAll?: boolean;
}

/**
 * Builds a {@link ProspectMatcher} from lists of prospect addresses and
 * account domains. Matching is case-insensitive; domains match subdomains.
 */
export function createProspectMatcher(
  options: ProspectMatcherOptions = {},
): ProspectMatcher {
  const addresses = new Set((options.addresses ?? []).map(normalizeAddress));
  const domains = new Set(
    (options.accountDomains ?? []).map(normalizeDomain).filter((d) => d !== ''),
  );
  const matchByDomain = options.matchByDomain ?? domains.size > 0;
  const matchAll = options.matchAll === true;
  const accountDomainOf = (address: string): string | undefined =>
    matchDomain(domainOf(normalizeAddress(address)), domains);
  return {
    isProspect(address: string): boolean {
      if (matchAll) return true;
      const normalized = normalizeAddress(address);
      if (addresses.has(normalized)) return true;
      return (
        matchByDomain &&
        matchDomain(domainOf(normalized), domains) !== undefined
      );
    },
    accountDomainOf,
  };
}
