import { randomUUID } from 'node:crypto';

/**
 * One Graph response before it is written: the same value is sent on the wire
 * for a direct request and embedded as an item of a `$batch` response.
 */
export interface GraphResult {
  status: number;
  headers: Record<string, string>;
  /** JSON body (serialised by the writer) ... */
  json?: unknown;
  /** ... or a raw body such as `$value` MIME. */
  raw?: Buffer;
  /** Bytes of `json`/`raw` that are message body content (for accounting). */
  bodyBytes: number;
}

export interface RequestContext {
  requestId: string;
  clientRequestId: string;
}

export function newRequestContext(
  clientRequestId: string | undefined,
): RequestContext {
  const requestId = randomUUID();
  return { requestId, clientRequestId: clientRequestId ?? requestId };
}

// Graph's JSON responses carry this exact content type (see batch-response.json).
export const ODATA_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph's date in innerError has no fraction and no zone ("2025-02-13T10:17:05"). */
export function innerErrorDate(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 19);
}

export function baseHeaders(ctx: RequestContext): Record<string, string> {
  return {
    'cache-control': 'no-cache',
    'request-id': ctx.requestId,
    'client-request-id': ctx.clientRequestId,
    'x-ms-ags-diagnostic': JSON.stringify({
      ServerInfo: {
        DataCenter: 'Local Simulator',
        Slice: 'E',
        Ring: '5',
        ScaleUnit: '000',
        RoleInstance: 'SIM',
      },
    }),
  };
}

export function jsonResult(
  ctx: RequestContext,
  status: number,
  json: unknown,
  bodyBytes = 0,
  extraHeaders: Record<string, string> = {},
): GraphResult {
  return {
    status,
    headers: {
      ...baseHeaders(ctx),
      // Graph's cost of the request in resource units (batch-response.json headers).
      'x-ms-resource-unit': '1',
      'odata-version': '4.0',
      'content-type': ODATA_JSON,
      ...extraHeaders,
    },
    json,
    bodyBytes,
  };
}

/**
 * Graph's error envelope: `{error:{code,message,innerError:{date,request-id,client-request-id}}}`
 * (batch-response.json, items 2-4).
 */
export function graphError(
  ctx: RequestContext,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
): GraphResult {
  return {
    status,
    headers: {
      ...baseHeaders(ctx),
      'x-ms-resource-unit': '1',
      'content-type': 'application/json',
      ...extraHeaders,
    },
    json: {
      error: {
        code,
        message,
        innerError: {
          date: innerErrorDate(),
          'request-id': ctx.requestId,
          'client-request-id': ctx.clientRequestId,
        },
      },
    },
    bodyBytes: 0,
  };
}

/** The 429 body exactly as throttling-429-body.json (concepts/throttling.md). */
export function throttledError(
  ctx: RequestContext,
  retryAfterSeconds: number,
): GraphResult {
  return {
    status: 429,
    headers: {
      ...baseHeaders(ctx),
      'content-type': 'application/json',
      'retry-after': String(retryAfterSeconds),
    },
    json: {
      error: {
        code: 'TooManyRequests',
        innerError: {
          code: '429',
          date: innerErrorDate(),
          message: 'Please retry after',
          'request-id': ctx.requestId,
          status: '429',
        },
        message: 'Please retry again later.',
      },
    },
    bodyBytes: 0,
  };
}

export function serialiseResult(result: GraphResult): Buffer {
  if (result.raw) return result.raw;
  if (result.json === undefined) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(result.json), 'utf8');
}
