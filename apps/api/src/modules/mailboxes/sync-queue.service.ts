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

/** A mailbox's sync job as the admin sees it: Bull's state and the worker's progress. */
export interface SyncJobStatus {
  state: string;
  progress: unknown;
}

/** Bull keeps a job's progress as JSON (0 until the worker reports). */
function parseProgress(raw: string | null | undefined): unknown {
  if (!raw) return 0;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return 0;
  }
}

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

  /**
   * The queued or running sync job of each mailbox, in one Redis round trip.
   * Bull's job.getState asks up to six questions one after the other, each a
   * script scanning a whole list: for a page of mailboxes that was
   * thousands of round trips. Same order of precedence as getState.
   */
  async statuses(
    mailboxIds: readonly string[],
  ): Promise<Map<string, SyncJobStatus | null>> {
    const out = new Map<string, SyncJobStatus | null>();
    if (mailboxIds.length === 0) return out;
    await this.queue.isReady();
    const key = (type: string) => this.queue.toKey(type);
    const pipeline = this.queue.client.pipeline();
    for (const mailboxId of mailboxIds) {
      const jobId = mailboxSyncJobId(mailboxId);
      pipeline.hmget(key(jobId), 'timestamp', 'progress');
      pipeline.zscore(key('completed'), jobId);
      pipeline.zscore(key('failed'), jobId);
      pipeline.zscore(key('delayed'), jobId);
      pipeline.lpos(key('active'), jobId);
      pipeline.lpos(key('wait'), jobId);
      pipeline.lpos(key('paused'), jobId);
    }
    const replies = (await pipeline.exec()) ?? [];
    mailboxIds.forEach((mailboxId, i) => {
      const at = (k: number): unknown => {
        const [error, value] = replies[i * 7 + k] ?? [null, null];
        if (error) throw error;
        return value;
      };
      const [timestamp, progress] = (at(0) ?? []) as (string | null)[];
      if (timestamp === null || timestamp === undefined) {
        out.set(mailboxId, null);
        return;
      }
      const state =
        at(1) !== null
          ? 'completed'
          : at(2) !== null
            ? 'failed'
            : at(3) !== null
              ? 'delayed'
              : at(4) !== null
                ? 'active'
                : at(5) !== null
                  ? 'waiting'
                  : at(6) !== null
                    ? 'paused'
                    : 'stuck';
      out.set(mailboxId, { state, progress: parseProgress(progress) });
    });
    return out;
  }

  async cancel(mailboxId: string): Promise<void> {
    const job = await this.queue.getJob(mailboxSyncJobId(mailboxId));
    if (job && (await job.getState()) !== 'active')
      await job.remove().catch(() => undefined);
  }
}
