import type { Principal } from './auth.service.js';
import type {
  GraphApiService,
  GraphOutcome,
  GraphRequest,
} from './graph-api.service.js';
import {
  graphError,
  jsonResult,
  type GraphResult,
  type RequestContext,
} from './graph-result.util.js';
import { isRecord } from './jwt.util.js';

export const MAX_BATCH_REQUESTS = 20;
/** Outlook runs at most four items of a batch at a time per mailbox (graph-facts "JSON batching"). */
export const BATCH_ITEM_CONCURRENCY = 4;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  dependsOn: string[];
}

function parseItems(body: unknown): BatchItem[] | string {
  if (!isRecord(body) || !Array.isArray(body['requests']))
    return 'Invalid batch payload format.';
  const items: BatchItem[] = [];
  for (const r of body['requests'] as unknown[]) {
    if (
      !isRecord(r) ||
      typeof r['id'] !== 'string' ||
      typeof r['method'] !== 'string' ||
      typeof r['url'] !== 'string'
    ) {
      return 'Invalid request format: id, method and url are required.';
    }
    const headers: Record<string, string> = {};
    if (isRecord(r['headers']))
      for (const [k, v] of Object.entries(r['headers']))
        headers[k.toLowerCase()] = String(v);
    items.push({
      id: r['id'],
      method: r['method'].toUpperCase(),
      url: r['url'],
      headers,
      ...(r['body'] !== undefined ? { body: r['body'] } : {}),
      dependsOn: Array.isArray(r['dependsOn'])
        ? (r['dependsOn'] as unknown[]).map(String)
        : [],
    });
  }
  return items;
}

/** Runs at most `limit` tasks at once. */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

export interface BatchOutcome {
  result: GraphResult;
}

/** POST /v1.0/$batch (learn.microsoft.com/graph/json-batching). */
export class BatchService {
  constructor(private readonly graph: GraphApiService) {}

  async execute(
    body: unknown,
    principal: Principal,
    ctx: RequestContext,
    sentAtMs = Date.now(),
    connection?: number,
  ): Promise<GraphResult & { delivered?: (atMs: number) => void }> {
    const items = parseItems(body);
    if (typeof items === 'string')
      return graphError(ctx, 400, 'BadRequest', items);
    if (items.length === 0)
      return graphError(
        ctx,
        400,
        'BadRequest',
        'Invalid batch payload format: no requests.',
      );
    if (items.length > MAX_BATCH_REQUESTS) {
      return graphError(
        ctx,
        400,
        'BadRequest',
        `Limit of requests in the batch exceeded: at most ${MAX_BATCH_REQUESTS} requests are allowed.`,
      );
    }
    const ids = new Set(items.map((i) => i.id));
    if (ids.size !== items.length)
      return graphError(
        ctx,
        400,
        'BadRequest',
        'Batch request contains duplicate request ids.',
      );
    for (const item of items) {
      if (item.dependsOn.some((d) => !ids.has(d) || d === item.id)) {
        return graphError(
          ctx,
          400,
          'BadRequest',
          `Request '${item.id}' depends on a request that is not in the batch.`,
        );
      }
    }

    const gates = new Map<string, Gate>();
    const done = new Map<string, Promise<GraphOutcome>>();
    const responses: Record<string, unknown>[] = [];
    let bodyBytes = 0;
    const runItem = async (item: BatchItem): Promise<GraphOutcome> => {
      // Let the loop below register every item before dependencies are looked up.
      await Promise.resolve();
      const deps = await Promise.all(
        item.dependsOn.map((d) => done.get(d) as Promise<GraphOutcome>),
      );
      const itemCtx: RequestContext = {
        requestId: ctx.requestId,
        clientRequestId:
          item.headers['client-request-id'] ?? ctx.clientRequestId,
      };
      if (deps.some((d) => d.status >= 400)) {
        return graphError(itemCtx, 424, 'BadRequest', 'Failed dependency.');
      }
      const url = new URL(
        item.url.replace(/^\/?(v1\.0\/)?/, '/'),
        'https://batch.invalid/',
      );
      const req: GraphRequest = {
        method: item.method,
        path: url.pathname,
        query: url.searchParams,
        headers: item.headers,
        prefer: item.headers['prefer'] ? [item.headers['prefer']] : [],
        ...(item.body !== undefined ? { body: item.body } : {}),
        sentAtMs,
        ...(connection !== undefined ? { connection } : {}),
      };
      const mailbox = this.graph.mailboxOf(req, principal) ?? '';
      let gate = gates.get(mailbox);
      if (!gate) {
        gate = new Gate(BATCH_ITEM_CONCURRENCY);
        gates.set(mailbox, gate);
      }
      const outcome = await gate.run(async () => {
        const o = await this.graph.execute(req, principal, itemCtx);
        // An item is done when its result is in: the batch response is written later.
        o.release?.();
        return o;
      });
      bodyBytes += outcome.bodyBytes;
      // Items carry their own status and headers; non-JSON bodies are base64 (json-batching.md).
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(outcome.headers)) {
        if (
          [
            'content-type',
            'retry-after',
            'preference-applied',
            'location',
            'odata-version',
            'cache-control',
            'x-ms-resource-unit',
          ].includes(k)
        )
          headers[canonicalHeader(k)] = v;
      }
      responses.push({
        id: item.id,
        status: outcome.status,
        headers,
        ...(outcome.raw
          ? { body: outcome.raw.toString('base64') }
          : outcome.json !== undefined
            ? { body: outcome.json }
            : {}),
      });
      return outcome;
    };
    for (const item of items) done.set(item.id, runItem(item));
    const outcomes = await Promise.all(done.values());
    return {
      ...jsonResult(ctx, 200, { responses }, bodyBytes),
      // The items' Retry-After reach the client with the whole batch.
      delivered: (atMs: number) => {
        for (const o of outcomes)
          this.graph.delivered(o, principal, connection, atMs);
      },
    };
  }
}

function canonicalHeader(name: string): string {
  if (name === 'odata-version') return 'OData-Version';
  if (name.startsWith('x-ms-')) return name;
  return name.replace(
    /(^|-)([a-z])/g,
    (_m, dash: string, c: string) => dash + c.toUpperCase(),
  );
}
