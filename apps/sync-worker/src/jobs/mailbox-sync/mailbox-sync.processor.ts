import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { QUEUE_NAMES } from '@headersync/domain-model';
import {
  MailboxSyncService,
  type MailboxSyncOutcome,
} from '../../sync/mailbox-sync.service';
import { JobLockLostError } from '../../sync/sync-failure.util';
import {
  MAILBOX_SYNC_CONCURRENCY,
  MAILBOX_SYNC_LOCK_DURATION_MS,
} from '../../sync/sync.constants';
import { parseMailboxSyncJob } from './mailbox-sync-job.util';

@Processor(QUEUE_NAMES.mailboxSync)
export class MailboxSyncProcessor {
  constructor(private readonly sync: MailboxSyncService) {}

  @Process({ concurrency: MAILBOX_SYNC_CONCURRENCY })
  handle(job: Job<unknown>): Promise<MailboxSyncOutcome> {
    return this.sync.syncMailbox(parseMailboxSyncJob(job.data), {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      // Bull's extendLock answers 0 when the lock is no longer this
      // process's (its Lua script compares the lock token).
      ensureLockHeld: async () => {
        if ((await job.extendLock(MAILBOX_SYNC_LOCK_DURATION_MS)) !== 1)
          throw new JobLockLostError();
      },
    });
  }
}
