import {
  isValidDomain,
  isValidEmailAddress,
  normaliseDomain,
  normaliseEmailAddress,
} from '@headersync/domain-model';
import type { ProspectInput } from '@headersync/domain-persistence';

export interface RowProblem {
  readonly field: string;
  readonly message: string;
}

const CONTROL = /\p{Cc}/u;

/**
 * Checks one imported row. Messages name the problem, never echo the value
 * (an address is personal data, and reports end up in logs and tickets).
 */
export function parseProspectRow(
  raw: Readonly<Record<string, unknown>>,
): { ok: true; value: ProspectInput } | { ok: false; problem: RowProblem } {
  const email = typeof raw['email'] === 'string' ? raw['email'].trim() : '';
  if (email === '')
    return { ok: false, problem: { field: 'email', message: 'is missing' } };
  const normalised = normaliseEmailAddress(email);
  if (normalised.length > 320 || !isValidEmailAddress(normalised))
    return {
      ok: false,
      problem: { field: 'email', message: 'is not a valid email address' },
    };
  const domainRaw =
    typeof raw['accountDomain'] === 'string' ? raw['accountDomain'].trim() : '';
  let accountDomain: string | null = null;
  if (domainRaw !== '') {
    accountDomain = normaliseDomain(domainRaw);
    if (!isValidDomain(accountDomain))
      return {
        ok: false,
        problem: {
          field: 'accountDomain',
          message: 'is not a valid domain name',
        },
      };
  }
  const nameRaw = typeof raw['name'] === 'string' ? raw['name'].trim() : '';
  if (nameRaw.length > 200)
    return {
      ok: false,
      problem: { field: 'name', message: 'must be at most 200 characters' },
    };
  if (CONTROL.test(nameRaw))
    return {
      ok: false,
      problem: {
        field: 'name',
        message: 'must not contain control characters',
      },
    };
  return {
    ok: true,
    value: {
      email: normalised,
      accountDomain,
      name: nameRaw === '' ? null : nameRaw,
    },
  };
}

/** CSV header names we accept for each field (case-insensitive). */
export function canonicalColumn(header: string): string {
  const h = header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (h === 'email' || h === 'emailaddress' || h === 'mail') return 'email';
  if (h === 'accountdomain' || h === 'domain' || h === 'companydomain')
    return 'accountDomain';
  if (h === 'name' || h === 'fullname' || h === 'displayname') return 'name';
  // Unknown columns are kept under a name that never collides, then ignored.
  return `ignored:${h}`;
}
