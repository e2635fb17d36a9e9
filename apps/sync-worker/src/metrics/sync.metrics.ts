import { Injectable } from '@nestjs/common';
import type { SyncMode } from '@headersync/domain-model';
import type {
  GraphBatchItemsEvent,
  GraphRequestEvent,
  GraphRequestListener,
} from '@headersync/graph-client';
import { Counter } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

/**
 * The sync pipeline's Prometheus series, on the worker's registry. Labels are
 * closed vocabularies (mode, rule id, Graph purpose, HTTP status) and mailbox
 * ids (uuids): never an address, subject or anything else from a message.
 */
@Injectable()
export class SyncMetrics implements GraphRequestListener {
  readonly messagesSeen: Counter<'mode'>;
  readonly messagesFetched: Counter<'mode'>;
  readonly messagesStored: Counter<'mode'>;
  readonly messagesIgnored: Counter<'mode' | 'reason'>;
  readonly messagesRemoved: Counter<'mode'>;
  readonly runs: Counter<'mode' | 'outcome'>;
  readonly graphRequests: Counter<'purpose' | 'status'>;
  readonly graphBytes: Counter<'purpose'>;
  readonly graphThrottled: Counter<'purpose'>;
  readonly graphPacedSeconds: Counter<'purpose'>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.messagesSeen = new Counter({
      name: 'headersync_sync_messages_seen_total',
      help: 'Messages listed by Graph delta (full items).',
      labelNames: ['mode'],
      registers,
    });
    this.messagesFetched = new Counter({
      name: 'headersync_sync_messages_fetched_total',
      help: 'Messages downloaded in full (body).',
      labelNames: ['mode'],
      registers,
    });
    this.messagesStored = new Counter({
      name: 'headersync_sync_messages_stored_total',
      help: 'Mailbox copies of relevant messages stored for the first time.',
      labelNames: ['mode'],
      registers,
    });
    this.messagesIgnored = new Counter({
      name: 'headersync_sync_messages_ignored_total',
      help: 'Messages ignored, by the classifier rule that decided it.',
      labelNames: ['mode', 'reason'],
      registers,
    });
    this.messagesRemoved = new Counter({
      name: 'headersync_sync_messages_removed_total',
      help: 'Stored copies removed because Graph delta reported them @removed.',
      labelNames: ['mode'],
      registers,
    });
    this.runs = new Counter({
      name: 'headersync_sync_runs_total',
      help: 'Mailbox sync attempts by outcome (succeeded, retry, mailbox-error).',
      labelNames: ['mode', 'outcome'],
      registers,
    });
    this.graphRequests = new Counter({
      name: 'headersync_graph_requests_total',
      help: 'Graph requests as Outlook throttling counts them (batch items individually).',
      labelNames: ['purpose', 'status'],
      registers,
    });
    this.graphBytes = new Counter({
      name: 'headersync_graph_response_bytes_total',
      help: 'Bytes of Graph responses, by purpose (header pass, body fetches, directory).',
      labelNames: ['purpose'],
      registers,
    });
    this.graphThrottled = new Counter({
      name: 'headersync_graph_throttled_total',
      help: 'Graph 429 answers (whole requests and batch items).',
      labelNames: ['purpose'],
      registers,
    });
    this.graphPacedSeconds = new Counter({
      name: 'headersync_graph_paced_seconds_total',
      help: 'Time requests waited to stay within the per-mailbox request budget.',
      labelNames: ['purpose'],
      registers,
    });
  }

  countIgnored(
    mode: SyncMode,
    ignored: Readonly<Record<string, number>>,
  ): void {
    for (const [reason, n] of Object.entries(ignored))
      this.messagesIgnored.inc({ mode, reason }, n);
  }

  onRequest(event: GraphRequestEvent): void {
    this.graphRequests.inc(
      { purpose: event.purpose, status: String(event.status) },
      event.graphRequests,
    );
    this.graphBytes.inc({ purpose: event.purpose }, event.responseBytes);
    if (event.status === 429)
      this.graphThrottled.inc({ purpose: event.purpose });
    if (event.pacedMs > 0)
      this.graphPacedSeconds.inc(
        { purpose: event.purpose },
        event.pacedMs / 1000,
      );
  }

  onBatchItems(event: GraphBatchItemsEvent): void {
    const throttled = event.statuses.filter((s) => s === 429).length;
    if (throttled > 0)
      this.graphThrottled.inc({ purpose: event.purpose }, throttled);
  }
}
