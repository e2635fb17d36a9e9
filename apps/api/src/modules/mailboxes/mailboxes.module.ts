import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { GraphConnectionModule } from '../graph-connection/graph-connection.module';
import { MailboxOverviewRepository } from './mailbox-overview.repository';
import { MailboxesController } from './mailboxes.controller';
import { MailboxesService } from './mailboxes.service';
import { SyncQueueService } from './sync-queue.service';

@Module({
  imports: [
    BullModule.registerQueue({ name: QUEUE_NAMES.mailboxSync }),
    GraphConnectionModule,
  ],
  controllers: [MailboxesController],
  providers: [MailboxesService, MailboxOverviewRepository, SyncQueueService],
  exports: [SyncQueueService],
})
export class MailboxesModule {}
