import type { MailFolder, SyncMode, SyncTrigger } from './enums.js';

// Bull queue names. Job payloads carry ids only: never message content,
// subjects or addresses, since Redis must hold no mail data.
export const QUEUE_NAMES = {
  mailboxSync: 'mailbox-sync',
  bodyFetch: 'body-fetch',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface MailboxSyncJob {
  readonly orgId: string;
  readonly mailboxId: string;
  readonly trigger: SyncTrigger;
}

export interface BodyFetchJob {
  readonly orgId: string;
  readonly mailboxId: string;
  readonly syncRunId: string;
  readonly folder: MailFolder;
  readonly mode: SyncMode;
  /** Graph immutable ids, at most 20 (one JSON batch, Graph's $batch limit). */
  readonly graphIds: readonly string[];
}

/**
 * One job id per mailbox: Bull refuses a second job with an id that is
 * already waiting or active, which keeps at most one sync per mailbox.
 */
export function mailboxSyncJobId(mailboxId: string): string {
  return `mailbox-sync:${mailboxId}`;
}
