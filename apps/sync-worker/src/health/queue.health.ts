import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Queue } from 'bull';
import { QUEUE_NAMES } from '@headersync/domain-model';

/** Healthy when the queue's own Redis connection answers a PING. */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    @InjectQueue(QUEUE_NAMES.mailboxSync) private readonly queue: Queue,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await this.queue.isReady();
      await this.queue.client.ping();
      return indicator.up({ queue: this.queue.name });
    } catch (error) {
      return indicator.down({
        queue: this.queue.name,
        message: error instanceof Error ? error.message : 'unreachable',
      });
    }
  }
}
