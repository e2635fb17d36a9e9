// Bull tuning for the mailbox-sync queue.
//
// A job holds a lock in Redis that its worker renews every lockDuration / 2;
// a worker that dies (SIGKILL, OOM, lost host) stops renewing, and after at
// most lockDuration + stalledInterval another worker takes the job over. A
// page is classified in milliseconds, so 10 s without a renewal means the
// process is gone, not busy. A run is idempotent and crash-safe (see
// FolderSyncService), so a job may stall any number of times.
export const MAILBOX_SYNC_LOCK_DURATION_MS = 10_000;
export const MAILBOX_SYNC_STALLED_INTERVAL_MS = 5_000;
export const MAILBOX_SYNC_MAX_STALLED_COUNT = 1_000;

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_MAX_MS = 120_000;
/** Longest Retry-After a job waits out before its next attempt (Graph asks for minutes at most). */
export const RETRY_AFTER_MAX_MS = 3_600_000;

/** Scheduler queue: one repeatable tick job that enqueues the mailboxes that are due. */
export const MAILBOX_SCHEDULE_QUEUE = 'mailbox-schedule';
export const MAILBOX_SCHEDULE_TICK_JOB_ID = 'mailbox-schedule-tick';

/** Redis CLIENT SETNAME of the worker's connections (suffixed with the key prefix). */
export const WORKER_REDIS_CLIENT_NAME = 'headersync-sync-worker';
