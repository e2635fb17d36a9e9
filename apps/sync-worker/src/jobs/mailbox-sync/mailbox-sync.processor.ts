import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import {
  MailboxSyncService,
  type MailboxSyncOutcome,
} from '../../sync/mailbox-sync.service';
import { JobLockLostError } from '../../sync/sync-failure.util';
import { MAILBOX_SYNC_LOCK_DURATION_MS } from '../../sync/sync.constants';
import {
  InvalidJobPayloadError,
  parseMailboxSyncJob,
} from './mailbox-sync-job.util';

/**
 * Runs mailbox-sync jobs, SYNC_MAILBOX_CONCURRENCY at once. Registered with
 * queue.process at init rather than @Process, whose concurrency is fixed
 * when the class is declared, before the configuration is read.
 */
@Injectable()
export class MailboxSyncProcessor implements OnModuleInit {
  constructor(
    private readonly sync: MailboxSyncService,
    @InjectQueue(QUEUE_NAMES.mailboxSync) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    void this.queue.process(this.config.sync.mailboxConcurrency, (job) =>
      this.handle(job),
    );
  }

  async handle(job: Job<unknown>): Promise<MailboxSyncOutcome> {
    let data;
    try {
      data = parseMailboxSyncJob(job.data);
    } catch (error) {
      // No attempt could process it: fail it once, without Bull's retries.
      if (error instanceof InvalidJobPayloadError) await job.discard();
      throw error;
    }
    return this.sync.syncMailbox(data, {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      // Bull's extendLock answers 0 when the lock is no longer this
      // process's (its Lua script compares the lock token).
      ensureLockHeld: async () => {
        if ((await job.extendLock(MAILBOX_SYNC_LOCK_DURATION_MS)) !== 1)
          throw new JobLockLostError();
      },
      reportProgress: async (progress) => {
        await job.progress(progress);
      },
    });
  }
}
