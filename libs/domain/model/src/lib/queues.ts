import type { SyncTrigger } from './enums.js';

// Bull queue names. Job payloads carry ids only: never message content,
// subjects or addresses, since Redis must hold no mail data.
export const QUEUE_NAMES = {
  mailboxSync: 'mailbox-sync',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export interface MailboxSyncJob {
  readonly orgId: string;
  readonly mailboxId: string;
  readonly trigger: SyncTrigger;
}

/**
 * A running mailbox-sync job's progress (Bull's job progress, shown in the
 * admin app). Delta tells no total ahead, so it is what was done so far.
 */
export interface MailboxSyncProgress {
  folders: number;
  foldersDone: number;
  seen: number;
  fetched: number;
  stored: number;
  removed: number;
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
