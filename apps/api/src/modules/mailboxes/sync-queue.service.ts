import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import {
  mailboxSyncJobId,
  mailboxSyncJobOptions,
  QUEUE_NAMES,
  type MailboxSyncJob,
  type SyncTrigger,
} from '@headersync/domain-model';

/** The API only enqueues: the sync worker processes `mailbox-sync` jobs. */
@Injectable()
export class SyncQueueService {
  constructor(
    @InjectQueue(QUEUE_NAMES.mailboxSync)
    private readonly queue: Queue<MailboxSyncJob>,
  ) {}

  /**
   * One job id per mailbox (mailboxSyncJobId): Bull ignores an add while a
   * job with that id is waiting or active, so "sync now" clicked twice is
   * one sync. Finished jobs are removed so the id is free again.
   */
  async enqueue(
    orgId: string,
    mailboxId: string,
    trigger: SyncTrigger,
  ): Promise<{ jobId: string; alreadyQueued: boolean }> {
    const jobId = mailboxSyncJobId(mailboxId);
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'waiting' || state === 'active' || state === 'delayed')
        return { jobId, alreadyQueued: true };
      await existing.remove().catch(() => undefined);
    }
    // The worker's options: transient Graph failures retry with its
    // Retry-After-aware backoff, as scheduled runs do.
    await this.queue.add(
      { orgId, mailboxId, trigger },
      mailboxSyncJobOptions(mailboxId),
    );
    return { jobId, alreadyQueued: false };
  }

  async status(
    mailboxId: string,
  ): Promise<{ state: string; progress: unknown } | null> {
    const job = await this.queue.getJob(mailboxSyncJobId(mailboxId));
    if (!job) return null;
    return { state: await job.getState(), progress: job.progress() as unknown };
  }

  async cancel(mailboxId: string): Promise<void> {
    const job = await this.queue.getJob(mailboxSyncJobId(mailboxId));
    if (job && (await job.getState()) !== 'active')
      await job.remove().catch(() => undefined);
  }
}
