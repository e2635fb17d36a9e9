import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { HttpNetworkError } from '../http/https-transport.js';
import type { MailboxLimiter } from '../http/mailbox-limiter.js';
import type { BackoffOptions } from '../http/retry-policy.util.js';
import {
  RETRYABLE_STATUSES,
  THROTTLE_STATUSES,
  fullJitterDelay,
  parseRetryAfter,
} from '../http/retry-policy.util.js';
import { readJsonBody } from './json-body.util.js';
import { requestTag } from './request-tag.js';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  backoff: BackoffOptions;
  /**
   * A Retry-After longer than this is not waited out in-process: the request
   * fails with GraphThrottledError carrying retryAfterMs, and the worker
   * reschedules the job (the SDK's RetryHandler caps at 180 s too).
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxRetries: 6,
  backoff: { baseDelayMs: 500, maxDelayMs: 30_000 },
  maxRetryAfterMs: 180_000,
};

export interface RetryMiddlewareDeps {
  limiter: MailboxLimiter;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Throttling-aware retry for idempotent requests (every request this client
 * sends is a GET or a `$batch` of GETs). 429/503/504 with Retry-After wait
 * exactly that long and pause the whole mailbox meanwhile, as Outlook's
 * limits are per app and mailbox; otherwise (5xx, resets, timeouts, a 2xx JSON
 * body that does not parse) exponential backoff with full jitter.
 * https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling
 */
export class RetryMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly options: RetryOptions,
    private readonly deps: RetryMiddlewareDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.sleep = deps.sleep ?? defaultSleep;
    this.random = deps.random ?? Math.random;
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('RetryMiddleware needs a next middleware');
    const tag = requestTag(context);
    for (let attempt = 1; ; attempt++) {
      if (tag) tag.attempts = attempt;
      const retriesLeft = attempt <= this.options.maxRetries;
      try {
        await this.next.execute(context);
      } catch (err) {
        if (!(err instanceof HttpNetworkError) || !retriesLeft) {
          if (tag) tag.failure ??= err;
          throw err;
        }
        await this.sleep(
          fullJitterDelay(attempt - 1, this.options.backoff, this.random),
        );
        continue;
      }
      const response = context.response;
      if (!response) return;
      const status = response.status;
      const malformed =
        status >= 200 && status < 300 && !readJsonBody(response).ok;
      if (!RETRYABLE_STATUSES.has(status) && !malformed) return;

      const retryAfterMs = parseRetryAfter(
        response.headers.get('retry-after'),
        this.now(),
      );
      // MailboxLimitMiddleware already paused the mailbox before releasing its
      // permits; repeating it here keeps the pause if the chain is rearranged.
      if (
        retryAfterMs !== undefined &&
        tag?.mailbox &&
        THROTTLE_STATUSES.has(status)
      ) {
        this.deps.limiter.pauseUntil(tag.mailbox, this.now() + retryAfterMs);
      }
      if (!retriesLeft || (retryAfterMs ?? 0) > this.options.maxRetryAfterMs)
        return;
      await this.sleep(
        retryAfterMs ??
          fullJitterDelay(attempt - 1, this.options.backoff, this.random),
      );
    }
  }
}
