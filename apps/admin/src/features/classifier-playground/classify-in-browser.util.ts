import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  parseRawHeaders,
  readSensitivity,
  type Decision,
} from '@headersync/header-classifier';
import type { OrgEmailSettings } from '@headersync/domain-model';

export interface PlaygroundInput {
  readonly raw: string;
  readonly ownerAddress: string;
  readonly direction: 'inbound' | 'outbound';
  readonly prospectAddresses: readonly string[];
  /** Every external participant counts as a prospect. */
  readonly everyoneIsProspect: boolean;
}

export interface PlaygroundResult {
  readonly decision: Decision;
  readonly sensitivity: string;
  readonly subject: string | undefined;
  readonly from: string | undefined;
  readonly malformed: readonly string[];
}

/** The decision the sync would make, computed here with the org's settings. */
export function classifyInBrowser(
  input: PlaygroundInput,
  settings: OrgEmailSettings,
): PlaygroundResult {
  const { message, malformed } = parseRawHeaders(input.raw);
  const context = createClassificationContext({
    ownerAddresses: input.ownerAddress ? [input.ownerAddress] : [],
    direction: input.direction,
    internalDomains: settings.internalDomains,
    prospects: createProspectMatcher({
      addresses: input.prospectAddresses,
      matchByDomain: settings.matchProspectsByDomain,
      matchAll: input.everyoneIsProspect,
    }),
    blocked: {
      domains: settings.blockedDomains,
      addresses: settings.blockedAddresses,
    },
    allowed: {
      domains: settings.allowedDomains,
      addresses: settings.allowedAddresses,
    },
    ignorePrivate: settings.ignorePrivate,
    sensitiveSubjectTerms: settings.sensitiveSubjectTerms,
    calendarRelevant: settings.treatCalendarAsRelevant,
  });
  return {
    decision: classifyHeaders(message, context),
    sensitivity: readSensitivity(message),
    subject: message.subject ?? undefined,
    from: message.from?.emailAddress?.address ?? undefined,
    malformed,
  };
}
