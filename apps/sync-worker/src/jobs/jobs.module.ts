import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { SyncModule } from '../sync/sync.module';
import { MAILBOX_SCHEDULE_QUEUE } from '../sync/sync.constants';
import { MailboxScheduleProcessor } from './mailbox-schedule/mailbox-schedule.processor';
import { MailboxSchedulerService } from './mailbox-schedule/mailbox-scheduler.service';
import { MailboxSyncProcessor } from './mailbox-sync/mailbox-sync.processor';
import { MailboxLagCollector } from './mailbox-lag.collector';
import { QueueMetricsCollector } from './queue-metrics.collector';

@Module({
  imports: [
    SyncModule,
    BullModule.registerQueue(
      { name: QUEUE_NAMES.mailboxSync },
      { name: MAILBOX_SCHEDULE_QUEUE },
    ),
  ],
  providers: [
    MailboxSyncProcessor,
    MailboxScheduleProcessor,
    MailboxSchedulerService,
    QueueMetricsCollector,
    MailboxLagCollector,
  ],
  exports: [MailboxSchedulerService],
})
export class JobsModule {}
