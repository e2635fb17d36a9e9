import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import {
  mailboxSyncJobOptions,
  QUEUE_NAMES,
  type MailboxSyncJob,
  type SyncTrigger,
} from '@headersync/domain-model';
import { MailboxRepository } from '@headersync/domain-persistence';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import {
  MAILBOX_SCHEDULE_QUEUE,
  MAILBOX_SCHEDULE_TICK_JOB_ID,
} from '../../sync/sync.constants';

/**
 * Puts mailbox-sync jobs on the queue: on a schedule (each mailbox at its own
 * interval, default SYNC_INTERVAL_SECONDS) and on demand. Every job of a
 * mailbox has the same id, mailboxSyncJobId(mailboxId): Bull does not add a
 * job whose id exists, so a mailbox has at most one job waiting or active,
 * whichever process added it; Bull's job lock makes one worker run it.
 */
@Injectable()
export class MailboxSchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MailboxSchedulerService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUE_NAMES.mailboxSync) private readonly syncQueue: Queue,
    @InjectQueue(MAILBOX_SCHEDULE_QUEUE) private readonly scheduleQueue: Queue,
    private readonly mailboxes: MailboxRepository,
  ) {}

  /** The scheduler's tick is one repeatable Bull job shared by all worker processes. */
  async onApplicationBootstrap(): Promise<void> {
    const everyMs = this.tickMs();
    await this.scheduleQueue.add(
      {},
      {
        jobId: MAILBOX_SCHEDULE_TICK_JOB_ID,
        repeat: { every: everyMs },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
    // And one tick now, so a fresh worker does not wait a whole interval.
    await this.scheduleQueue.add(
      {},
      {
        jobId: 'mailbox-schedule-boot',
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
  }

  /** Mailboxes are checked at twice the rate of the shortest default interval, within 5 s..60 s. */
  tickMs(): number {
    return (
      Math.min(60, Math.max(5, this.config.sync.intervalSeconds / 2)) * 1000
    );
  }

  /** Adds the job unless the mailbox already has one waiting or running. */
  async enqueue(
    orgId: string,
    mailboxId: string,
    trigger: SyncTrigger,
  ): Promise<void> {
    const payload: MailboxSyncJob = { orgId, mailboxId, trigger };
    await this.syncQueue.add(payload, mailboxSyncJobOptions(mailboxId));
  }

  /** Enqueues every active mailbox whose interval has elapsed since its last start. */
  async enqueueDue(now = new Date()): Promise<number> {
    let enqueued = 0;
    for (const mailbox of await this.mailboxes.listActive()) {
      const intervalMs =
        (mailbox.syncIntervalSeconds ?? this.config.sync.intervalSeconds) *
        1000;
      const last = mailbox.lastSyncStartedAt?.getTime();
      if (last !== undefined && now.getTime() - last < intervalMs) continue;
      await this.enqueue(
        mailbox.orgId,
        mailbox.id,
        last === undefined ? 'initial' : 'schedule',
      );
      enqueued += 1;
    }
    if (enqueued > 0)
      this.logger.log({ event: 'mailboxes-enqueued', count: enqueued });
    return enqueued;
  }
}
