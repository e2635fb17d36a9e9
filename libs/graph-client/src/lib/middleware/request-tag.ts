import type { Context } from '@microsoft/microsoft-graph-client';
import type { GraphOperation } from '../errors/graph.error.js';

/**
 * What a request is for. `header` requests (delta pages, header batches) use
 * the header-pass credential (Mail.ReadBasic.All in a least-privilege tenant);
 * `body` requests (full messages, MIME) the body credential (Mail.Read.All);
 * `directory` requests (users) the header credential. Bytes are accounted by
 * purpose, so metrics show what the header pass costs against body fetches.
 */
export type GraphRequestPurpose = 'header' | 'body' | 'directory';

/**
 * Per-request options travelling through the Graph SDK's middleware chain
 * (`GraphRequest.middlewareOptions`, read back with
 * `context.middlewareControl.getMiddlewareOptions`).
 */
export class GraphRequestTag {
  /** The first error a middleware threw: the SDK wraps thrown errors in its own GraphError. */
  failure: unknown;
  /** HTTP attempts made (1 + retries). */
  attempts = 0;
  /** What the current attempt waited for the request budget (pacing), in ms. */
  pacedMs = 0;

  constructor(
    readonly operation: GraphOperation,
    readonly purpose: GraphRequestPurpose,
    /** Mailbox key for the per-mailbox limiter; absent for tenant-wide calls. */
    readonly mailbox: string | undefined,
    /** Limiter permits: 1, or up to 4 for a `$batch` (Outlook runs 4 items at a time). */
    readonly permits = 1,
    /** Graph requests this HTTP request stands for (a batch counts its items). */
    readonly graphRequests = 1,
  ) {}
}

export function requestTag(context: Context): GraphRequestTag | undefined {
  const option =
    context.middlewareControl?.getMiddlewareOptions(GraphRequestTag);
  return option instanceof GraphRequestTag ? option : undefined;
}
