import type { ClassificationOptions, ProspectMatcher } from './types.js';

/**
 * An org's email policy in the flat shape an admin edits it (and Headersync
 * stores it): list fields side by side rather than nested. Any object with
 * these fields will do; the classifier imports no settings type.
 */
export interface OrgEmailPolicy {
  readonly internalDomains: readonly string[];
  readonly blockedDomains: readonly string[];
  readonly blockedAddresses: readonly string[];
  readonly allowedDomains: readonly string[];
  readonly allowedAddresses: readonly string[];
  readonly ignorePrivate: boolean;
  readonly sensitiveSubjectTerms: readonly string[];
  readonly treatCalendarAsRelevant: boolean;
}

/** What the policy does not say: whose mailbox, which way, and who the prospects are. */
export interface MailboxClassificationInput {
  readonly ownerAddresses: readonly string[];
  readonly direction: 'inbound' | 'outbound';
  readonly prospects: ProspectMatcher;
}

/**
 * The {@link ClassificationOptions} of an org policy for one mailbox, so that
 * every caller (the sync, a dry run, a browser playground) classifies under
 * the same reading of the same settings.
 */
export function orgPolicyOptions(
  policy: OrgEmailPolicy,
  mailbox: MailboxClassificationInput,
): ClassificationOptions {
  return {
    ownerAddresses: mailbox.ownerAddresses,
    direction: mailbox.direction,
    prospects: mailbox.prospects,
    internalDomains: policy.internalDomains,
    blocked: {
      addresses: policy.blockedAddresses,
      domains: policy.blockedDomains,
    },
    allowed: {
      addresses: policy.allowedAddresses,
      domains: policy.allowedDomains,
    },
    ignorePrivate: policy.ignorePrivate,
    sensitiveSubjectTerms: policy.sensitiveSubjectTerms,
    calendarRelevant: policy.treatCalendarAsRelevant,
  };
}
