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

/** Attempts of one mailbox-sync job before its run waits for the next schedule. */
export const MAILBOX_SYNC_ATTEMPTS = 6;

/**
 * The sync worker's Bull backoff strategy of that name honours Graph's
 * Retry-After and otherwise backs off exponentially with full jitter.
 */
export const GRAPH_BACKOFF_STRATEGY = 'graph-retry-after';

/** Bull job options of a mailbox-sync job, the same whoever enqueues it (scheduler or API). */
export interface MailboxSyncJobOptions {
  readonly jobId: string;
  readonly attempts: number;
  readonly backoff: { readonly type: string };
  readonly removeOnComplete: true;
  readonly removeOnFail: true;
}

export function mailboxSyncJobOptions(
  mailboxId: string,
): MailboxSyncJobOptions {
  return {
    jobId: mailboxSyncJobId(mailboxId),
    attempts: MAILBOX_SYNC_ATTEMPTS,
    backoff: { type: GRAPH_BACKOFF_STRATEGY },
    // Removed once done, so the id is free for the next run and Redis keeps
    // no history (failure reasons are safe, but none is needed).
    removeOnComplete: true,
    removeOnFail: true,
  };
}
