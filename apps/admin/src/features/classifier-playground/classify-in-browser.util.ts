import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  orgPolicyOptions,
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
  // The sync's reading of the settings (orgPolicyOptions), so the
  // playground decides what the sync would.
  const context = createClassificationContext(
    orgPolicyOptions(settings, {
      ownerAddresses: input.ownerAddress ? [input.ownerAddress] : [],
      direction: input.direction,
      prospects: createProspectMatcher({
        addresses: input.prospectAddresses,
        matchByDomain: settings.matchProspectsByDomain,
        matchAll: input.everyoneIsProspect,
      }),
    }),
  );
  return {
    decision: classifyHeaders(message, context),
    sensitivity: readSensitivity(message),
    subject: message.subject ?? undefined,
    from: message.from?.emailAddress?.address ?? undefined,
    malformed,
  };
}
