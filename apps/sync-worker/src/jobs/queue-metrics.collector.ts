import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Gauge } from 'prom-client';
import { QUEUE_NAMES } from '@headersync/domain-model';
import { MetricsRegistry } from '../metrics/metrics.registry';

/** Queue depth by state, read from Redis at scrape time. */
@Injectable()
export class QueueMetricsCollector {
  constructor(
    @InjectQueue(QUEUE_NAMES.mailboxSync) queue: Queue,
    metrics: MetricsRegistry,
  ) {
    new Gauge({
      name: 'headersync_queue_jobs',
      help: 'mailbox-sync jobs by state (waiting, active, delayed, failed).',
      labelNames: ['queue', 'state'],
      registers: [metrics.registry],
      async collect() {
        const counts = await queue.getJobCounts();
        for (const [state, n] of Object.entries(counts))
          this.set({ queue: queue.name, state }, n);
      },
    });
  }
}
