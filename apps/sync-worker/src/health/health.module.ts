import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { TerminusModule } from '@nestjs/terminus';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { HealthController } from './health.controller';
import { QueueHealthIndicator } from './queue.health';

@Module({
  imports: [
    TerminusModule.forRoot({ logger: false }),
    BullModule.registerQueue({ name: QUEUE_NAMES.mailboxSync }),
  ],
  controllers: [HealthController],
  providers: [QueueHealthIndicator],
})
export class HealthModule {}
