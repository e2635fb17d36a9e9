import {
  domainOf,
  matchDomain,
  normalizeAddress,
  normalizeDomain,
} from './address.util.js';
import { createProspectMatcher } from './prospect-matcher.js';
import type {
  AddressDomainList,
  ClassificationContext,
  ClassificationOptions,
} from './types.js';

function compileList(
  list: AddressDomainList | undefined,
): (address: string) => boolean {
  const addresses = new Set((list?.addresses ?? []).map(normalizeAddress));
  const domains = new Set(
    (list?.domains ?? []).map(normalizeDomain).filter((d) => d !== ''),
  );
  if (addresses.size === 0 && domains.size === 0) return () => false;
  return (address) =>
    addresses.has(address) ||
    matchDomain(domainOf(address), domains) !== undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles the org's settings and the mailbox's identity into a
 * {@link ClassificationContext}: build it once per mailbox and pass it to every
 * `classifyHeaders` call. The context's predicates expect lower-case addresses.
 */
export function createClassificationContext(
  options: ClassificationOptions = {},
): ClassificationContext {
  const owners = new Set((options.ownerAddresses ?? []).map(normalizeAddress));
  const internalDomains = new Set(
    (options.internalDomains ?? [])
      .map(normalizeDomain)
      .filter((d) => d !== ''),
  );
  const terms = (options.sensitiveSubjectTerms ?? [])
    .map((term) => term.trim())
    .filter((term) => term !== '');
  const sensitive =
    terms.length === 0
      ? null
      : new RegExp(terms.map(escapeRegExp).join('|'), 'iu');
  const isBlocked = compileList(options.blocked);
  const isAllowed = compileList(options.allowed);
  return {
    direction: options.direction ?? 'inbound',
    prospects: options.prospects ?? createProspectMatcher(),
    ignorePrivate: options.ignorePrivate === true,
    calendarRelevant: options.calendarRelevant !== false,
    isOwner: (address) => owners.has(address),
    isInternal: (address) =>
      owners.has(address) ||
      matchDomain(domainOf(address), internalDomains) !== undefined,
    isBlocked,
    isAllowed,
    hasSensitiveSubject: (subject) =>
      sensitive !== null && sensitive.test(subject),
  };
}
