import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { GraphOperation } from '../errors/graph.error.js';
import { HttpNetworkError } from '../http/https-transport.js';
import { bufferedBody } from './https-transport.middleware.js';
import type { GraphRequestPurpose } from './request-tag.js';
import { requestTag } from './request-tag.js';

/** One HTTP attempt, as seen on the wire. Carries no URL, token or content. */
export interface GraphRequestEvent {
  operation: GraphOperation;
  purpose: GraphRequestPurpose;
  mailbox: string | undefined;
  method: string;
  /** HTTP status; 0 when the request got no answer. */
  status: number;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
  /** Graph requests this HTTP request stands for (batch items). */
  graphRequests: number;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
  /** What the attempt waited, before it was sent, to stay within the request budget. */
  pacedMs: number;
  /** Network failure reason when status is 0. */
  networkError?: string;
}

/** Per-item outcome of a `$batch` (items are throttled one by one). */
export interface GraphBatchItemsEvent {
  operation: GraphOperation;
  purpose: GraphRequestPurpose;
  mailbox: string;
  statuses: readonly number[];
}

/** Metrics sink. The API/worker adapts it to prom-client; this lib has no metrics dependency. */
export interface GraphRequestListener {
  onRequest(event: GraphRequestEvent): void;
  onBatchItems?(event: GraphBatchItemsEvent): void;
}

export class AccountingMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly listener: GraphRequestListener,
    private readonly now: () => number = () => performance.now(),
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next)
      throw new Error('AccountingMiddleware needs a next middleware');
    const tag = requestTag(context);
    const started = this.now();
    const body = context.options?.body;
    const requestBytes =
      typeof body === 'string' || Buffer.isBuffer(body)
        ? Buffer.byteLength(body)
        : 0;
    const base = {
      operation: tag?.operation ?? ('batch' as const),
      purpose: tag?.purpose ?? ('directory' as const),
      mailbox: tag?.mailbox,
      method: context.options?.method ?? 'GET',
      attempt: tag?.attempts ?? 1,
      pacedMs: tag?.pacedMs ?? 0,
      graphRequests: tag?.graphRequests ?? 1,
      requestBytes,
    };
    try {
      await this.next.execute(context);
    } catch (err) {
      this.emit({
        ...base,
        status: 0,
        responseBytes: 0,
        durationMs: this.now() - started,
        networkError: err instanceof HttpNetworkError ? err.reason : 'error',
      });
      throw err;
    }
    const response = context.response;
    this.emit({
      ...base,
      status: response?.status ?? 0,
      responseBytes: response ? (bufferedBody(response)?.length ?? 0) : 0,
      durationMs: this.now() - started,
    });
  }

  private emit(event: GraphRequestEvent): void {
    try {
      this.listener.onRequest(event);
    } catch {
      // A broken metrics sink must not fail Graph calls.
    }
  }
}

/** A simple in-memory aggregate of the events, for benches, tests and /metrics adapters. */
export class GraphUsageCounter implements GraphRequestListener {
  httpRequests = 0;
  /** Graph requests as Outlook's throttle counts them (batch items individually). */
  graphRequests = 0;
  retries = 0;
  networkErrors = 0;
  readonly byStatus = new Map<number, number>();
  readonly batchItemsByStatus = new Map<number, number>();
  readonly bytes = { header: 0, body: 0, directory: 0 };

  onRequest(event: GraphRequestEvent): void {
    this.httpRequests += 1;
    this.graphRequests += event.graphRequests;
    if (event.attempt > 1) this.retries += 1;
    if (event.status === 0) this.networkErrors += 1;
    this.byStatus.set(event.status, (this.byStatus.get(event.status) ?? 0) + 1);
    this.bytes[event.purpose] += event.responseBytes;
  }

  onBatchItems(event: GraphBatchItemsEvent): void {
    for (const status of event.statuses) {
      this.batchItemsByStatus.set(
        status,
        (this.batchItemsByStatus.get(status) ?? 0) + 1,
      );
    }
  }

  /** 429 answers, whole requests and batch items together. */
  get throttled(): number {
    return (
      (this.byStatus.get(429) ?? 0) + (this.batchItemsByStatus.get(429) ?? 0)
    );
  }
}
