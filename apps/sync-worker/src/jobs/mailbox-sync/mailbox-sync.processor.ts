import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { QUEUE_NAMES } from '@headersync/domain-model';
import {
  MailboxSyncService,
  type MailboxSyncOutcome,
} from '../../sync/mailbox-sync.service';
import { MAILBOX_SYNC_CONCURRENCY } from '../../sync/sync.constants';
import { parseMailboxSyncJob } from './mailbox-sync-job.util';

@Processor(QUEUE_NAMES.mailboxSync)
export class MailboxSyncProcessor {
  constructor(private readonly sync: MailboxSyncService) {}

  @Process({ concurrency: MAILBOX_SYNC_CONCURRENCY })
  handle(job: Job<unknown>): Promise<MailboxSyncOutcome> {
    return this.sync.syncMailbox(parseMailboxSyncJob(job.data), {
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
    });
  }
}
