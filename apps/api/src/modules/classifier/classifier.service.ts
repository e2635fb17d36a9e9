import { Injectable, NotFoundException } from '@nestjs/common';
import {
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
} from '@headersync/domain-persistence';
import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  orgPolicyOptions,
  parseRawHeaders,
  readSensitivity,
  type GraphMessageHeaders,
} from '@headersync/header-classifier';
import { fieldErrors } from '../../common/field-errors';
import type { Principal } from '../auth/auth.types';
import type {
  ClassifierDryRunDto,
  ClassifierDryRunResultDto,
} from './classifier.dto';
import { graphFieldsOf, participantAddressesOf } from './classifier.util';

/**
 * Classifies one posted message exactly as the sync worker would, under the
 * org's current email settings and prospects, and stores nothing: the input
 * may well be mail that sync would ignore.
 */
@Injectable()
export class ClassifierService {
  constructor(
    private readonly settings: OrgEmailSettingsRepository,
    private readonly prospects: ProspectRepository,
    private readonly mailboxes: MailboxRepository,
  ) {}

  async dryRun(
    principal: Principal,
    dto: ClassifierDryRunDto,
  ): Promise<ClassifierDryRunResultDto> {
    const graph = graphFieldsOf(dto);
    const hasGraphFields = Object.keys(graph).length > 0;
    if (dto.raw !== undefined && hasGraphFields)
      throw fieldErrors([
        {
          field: 'raw',
          message: 'must not be combined with Graph message fields',
        },
      ]);
    if (dto.raw === undefined && !hasGraphFields)
      throw fieldErrors([
        {
          field: 'raw',
          message:
            'is required when no Graph message fields (internetMessageHeaders, from, …) are sent',
        },
      ]);
    let message: GraphMessageHeaders = graph;
    let malformed: string[] = [];
    if (dto.raw !== undefined) {
      const parsed = parseRawHeaders(dto.raw);
      message = parsed.message;
      malformed = parsed.malformed;
    }

    const ownerAddresses: string[] = [];
    if (dto.mailboxId !== undefined) {
      const mailbox = await this.mailboxes.findById(
        principal.orgId,
        dto.mailboxId,
      );
      if (!mailbox) throw new NotFoundException('No such mailbox');
      ownerAddresses.push(mailbox.userPrincipalName);
    }
    const direction = dto.direction ?? 'inbound';
    const { settings: s, version } = await this.settings.get(principal.orgId);
    const matches = await this.prospects.findMatching(
      principal.orgId,
      participantAddressesOf(message),
      { byDomain: s.matchProspectsByDomain },
    );
    // The worker's reading of the settings (orgPolicyOptions), so the dry
    // run decides what the sync would.
    const context = createClassificationContext(
      orgPolicyOptions(s, {
        ownerAddresses,
        direction,
        prospects: createProspectMatcher({
          addresses: matches.prospects.map((p) => p.email),
          accountDomains: [...matches.accountDomains],
          matchByDomain: s.matchProspectsByDomain,
        }),
      }),
    );
    const decision = classifyHeaders(message, context);
    return {
      decision: {
        kind: decision.kind,
        action: decision.action,
        rules: [...decision.rules],
        prospects: [...decision.prospects],
      },
      sensitivity: readSensitivity(message),
      direction,
      settingsVersion: version,
      malformed,
    };
  }
}
