import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MailboxRepository } from '@headersync/domain-persistence';
import { MetricsRegistry } from '../metrics/metrics.registry';

/**
 * Sync lag per active mailbox, read from PostgreSQL at scrape time: every
 * worker process reports the same truth whichever process synced the
 * mailbox last (aggregate with `max by (mailbox)`). A mailbox that never
 * synced counts from when it was connected.
 */
@Injectable()
export class MailboxLagCollector {
  constructor(mailboxes: MailboxRepository, metrics: MetricsRegistry) {
    new Gauge({
      name: 'headersync_mailbox_sync_lag_seconds',
      help: 'Seconds since the last successful sync of each active mailbox.',
      labelNames: ['mailbox'],
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const now = Date.now();
        for (const m of await mailboxes.listActive()) {
          const since = (m.lastSuccessAt ?? m.createdAt).getTime();
          this.set({ mailbox: m.id }, Math.max(0, (now - since) / 1000));
        }
      },
    });
  }
}
