import {
  isValidDomain,
  isValidEmailAddress,
  normaliseDomain,
  normaliseEmailAddress,
} from './addresses.js';
import { isOneOf, MAIL_FOLDERS, type MailFolder } from './enums.js';

/** An org's email sync policy, as the API, the worker and the classifier see it. */
export interface OrgEmailSettings {
  /** "Sync emails based on headers only". */
  readonly headerBasedSync: boolean;
  readonly internalDomains: readonly string[];
  readonly blockedDomains: readonly string[];
  readonly blockedAddresses: readonly string[];
  readonly allowedDomains: readonly string[];
  readonly allowedAddresses: readonly string[];
  readonly folders: readonly MailFolder[];
  /** The first sync reaches back this many days (by receivedDateTime). */
  readonly backfillDays: number;
  /** Ignore mail whose Sensitivity is Private, Personal or Confidential. */
  readonly ignorePrivate: boolean;
  readonly sensitiveSubjectTerms: readonly string[];
  /** A participant in an account's domain counts as a prospect. */
  readonly matchProspectsByDomain: boolean;
  readonly treatCalendarAsRelevant: boolean;
}

export type OrgEmailSettingsUpdate = Partial<OrgEmailSettings>;

export const DEFAULT_ORG_EMAIL_SETTINGS: OrgEmailSettings = {
  headerBasedSync: false,
  internalDomains: [],
  blockedDomains: [],
  blockedAddresses: [],
  allowedDomains: [],
  allowedAddresses: [],
  folders: ['inbox', 'sentitems'],
  backfillDays: 90,
  // Data minimisation by default: a Private email is not the org's business.
  ignorePrivate: true,
  sensitiveSubjectTerms: [],
  matchProspectsByDomain: false,
  treatCalendarAsRelevant: true,
};

export const ORG_EMAIL_SETTINGS_LIMITS = {
  maxDomains: 500,
  maxAddresses: 5000,
  maxSubjectTerms: 200,
  maxSubjectTermLength: 100,
  minBackfillDays: 1,
  maxBackfillDays: 3650,
} as const;

export interface SettingsIssue {
  /** The field name as in OrgEmailSettings, with an index for list items, e.g. `blockedDomains[2]`. */
  readonly field: string;
  readonly message: string;
}

export type SettingsValidationResult =
  | { readonly ok: true; readonly value: OrgEmailSettingsUpdate }
  | { readonly ok: false; readonly issues: readonly SettingsIssue[] };

const BOOLEAN_FIELDS = [
  'headerBasedSync',
  'ignorePrivate',
  'matchProspectsByDomain',
  'treatCalendarAsRelevant',
] as const;
const DOMAIN_FIELDS = [
  'internalDomains',
  'blockedDomains',
  'allowedDomains',
] as const;
const ADDRESS_FIELDS = ['blockedAddresses', 'allowedAddresses'] as const;
const KNOWN_FIELDS: ReadonlySet<string> = new Set<keyof OrgEmailSettings>([
  ...BOOLEAN_FIELDS,
  ...DOMAIN_FIELDS,
  ...ADDRESS_FIELDS,
  'folders',
  'backfillDays',
  'sensitiveSubjectTerms',
]);

// Issues echo the offending index, never the value: a rejected entry may be
// an address, and error responses end up in logs.
function validateList(
  field: string,
  input: unknown,
  max: number,
  normalise: (s: string) => string,
  isValid: (s: string) => boolean,
  what: string,
  issues: SettingsIssue[],
): string[] | undefined {
  if (!Array.isArray(input)) {
    issues.push({ field, message: 'must be an array of strings' });
    return undefined;
  }
  if (input.length > max) {
    issues.push({ field, message: `must have at most ${max} entries` });
    return undefined;
  }
  const out = new Set<string>();
  input.forEach((item: unknown, i) => {
    if (typeof item !== 'string') {
      issues.push({ field: `${field}[${i}]`, message: 'must be a string' });
      return;
    }
    const value = normalise(item);
    if (!isValid(value)) {
      issues.push({
        field: `${field}[${i}]`,
        message: `is not a valid ${what}`,
      });
      return;
    }
    out.add(value);
  });
  // Sorted and de-duplicated, so audit diffs show real changes only.
  return [...out].sort();
}

/**
 * Checks and normalises a partial update of the org email settings: domains
 * and addresses lowercased, de-duplicated and sorted. Unknown fields are
 * rejected rather than ignored, so a typo never looks like a saved change.
 */
export function validateOrgEmailSettingsUpdate(
  input: unknown,
): SettingsValidationResult {
  const issues: SettingsIssue[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ field: '', message: 'must be an object' }] };
  }
  const raw = input as Record<string, unknown>;
  const value: {
    -readonly [K in keyof OrgEmailSettings]?: OrgEmailSettings[K];
  } = {};
  const limits = ORG_EMAIL_SETTINGS_LIMITS;

  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key))
      issues.push({ field: key, message: 'is not a known setting' });
  }
  for (const field of BOOLEAN_FIELDS) {
    const v = raw[field];
    if (v === undefined) continue;
    if (typeof v !== 'boolean')
      issues.push({ field, message: 'must be a boolean' });
    else value[field] = v;
  }
  for (const field of DOMAIN_FIELDS) {
    if (raw[field] === undefined) continue;
    const list = validateList(
      field,
      raw[field],
      limits.maxDomains,
      normaliseDomain,
      isValidDomain,
      'domain name',
      issues,
    );
    if (list) value[field] = list;
  }
  for (const field of ADDRESS_FIELDS) {
    if (raw[field] === undefined) continue;
    const list = validateList(
      field,
      raw[field],
      limits.maxAddresses,
      normaliseEmailAddress,
      isValidEmailAddress,
      'email address',
      issues,
    );
    if (list) value[field] = list;
  }
  if (raw['folders'] !== undefined) {
    const folders = validateList(
      'folders',
      raw['folders'],
      MAIL_FOLDERS.length,
      (s) => s.trim().toLowerCase(),
      (s) => isOneOf(MAIL_FOLDERS, s),
      `folder (one of ${MAIL_FOLDERS.join(', ')})`,
      issues,
    );
    if (folders && folders.length > 0) {
      // Keep the canonical order of MAIL_FOLDERS.
      value.folders = MAIL_FOLDERS.filter((f) => folders.includes(f));
    } else if (folders && (raw['folders'] as unknown[]).length === 0) {
      // Only an empty input is reported here; bad entries already were.
      issues.push({
        field: 'folders',
        message: 'must name at least one folder',
      });
    }
  }
  if (raw['backfillDays'] !== undefined) {
    const v = raw['backfillDays'];
    if (
      typeof v !== 'number' ||
      !Number.isInteger(v) ||
      v < limits.minBackfillDays ||
      v > limits.maxBackfillDays
    ) {
      issues.push({
        field: 'backfillDays',
        message: `must be an integer from ${limits.minBackfillDays} to ${limits.maxBackfillDays}`,
      });
    } else value.backfillDays = v;
  }
  if (raw['sensitiveSubjectTerms'] !== undefined) {
    const terms = validateList(
      'sensitiveSubjectTerms',
      raw['sensitiveSubjectTerms'],
      limits.maxSubjectTerms,
      (s) => s.trim().toLowerCase(),
      (s) =>
        s.length > 0 &&
        s.length <= limits.maxSubjectTermLength &&
        !/[\p{Cc}]/u.test(s),
      `term (1 to ${limits.maxSubjectTermLength} printable characters)`,
      issues,
    );
    if (terms) value.sensitiveSubjectTerms = terms;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
