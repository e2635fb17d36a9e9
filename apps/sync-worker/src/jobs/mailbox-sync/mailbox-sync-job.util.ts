import {
  isOneOf,
  SYNC_TRIGGERS,
  type MailboxSyncJob,
} from '@headersync/domain-model';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown for a payload no attempt could process (the message names fields, never values). */
export class InvalidJobPayloadError extends Error {
  constructor(field: string) {
    super(`mailbox-sync job payload: ${field} is missing or invalid`);
    this.name = 'InvalidJobPayloadError';
  }
}

/** Checks a job's data: ids only (Redis must hold no mail data). */
export function parseMailboxSyncJob(data: unknown): MailboxSyncJob {
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<
    string,
    unknown
  >;
  const orgId = raw['orgId'];
  const mailboxId = raw['mailboxId'];
  const trigger = raw['trigger'];
  if (typeof orgId !== 'string' || !UUID.test(orgId))
    throw new InvalidJobPayloadError('orgId');
  if (typeof mailboxId !== 'string' || !UUID.test(mailboxId))
    throw new InvalidJobPayloadError('mailboxId');
  if (!isOneOf(SYNC_TRIGGERS, trigger))
    throw new InvalidJobPayloadError('trigger');
  return { orgId, mailboxId, trigger };
}
