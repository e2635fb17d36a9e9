import { Process, Processor } from '@nestjs/bull';
import { MAILBOX_SCHEDULE_QUEUE } from '../../sync/sync.constants';
import { MailboxSchedulerService } from './mailbox-scheduler.service';

@Processor(MAILBOX_SCHEDULE_QUEUE)
export class MailboxScheduleProcessor {
  constructor(private readonly scheduler: MailboxSchedulerService) {}

  @Process()
  handle(): Promise<number> {
    return this.scheduler.enqueueDue();
  }
}
