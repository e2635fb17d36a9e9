// Retry timing for Graph. Graph's throttling guidance: honour Retry-After when
// it is present, otherwise back off exponentially
// (https://learn.microsoft.com/graph/throttling#best-practices-to-handle-throttling).
// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3); Graph
// has been seen sending fractional seconds ("2.128"), so decimals are accepted.

const DELAY_SECONDS = /^\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * Milliseconds to wait according to a Retry-After value, or undefined when the
 * header is absent or unparseable. A date in the past means "now" (0).
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined || value.trim() === '')
    return undefined;
  const seconds = DELAY_SECONDS.exec(value);
  if (seconds?.[1] !== undefined) return Math.ceil(Number(seconds[1]) * 1000);
  // Date.parse understands IMF-fixdate and the two obsolete RFC 850 / asctime
  // forms RFC 9110 §5.6.7 requires recipients to accept.
  // Every HTTP-date names a month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface BackoffOptions {
  /** First delay ceiling in ms (attempt 0). */
  baseDelayMs: number;
  /** No delay is ever longer than this. */
  maxDelayMs: number;
}

/**
 * "Full jitter" exponential backoff: a uniformly random delay in
 * [0, min(cap, base * 2^attempt)). It spreads retries of many clients better
 * than equal or decorrelated jitter (AWS Architecture Blog, "Exponential
 * Backoff And Jitter", 2015).
 */
export function fullJitterDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    options.maxDelayMs,
    options.baseDelayMs * 2 ** Math.max(0, attempt),
  );
  return Math.floor(random() * ceiling);
}

/** Statuses the SDK's own RetryHandler retries, plus 500/502 (our requests are idempotent GETs). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([
  429, 500, 502, 503, 504,
]);

/** Statuses whose Retry-After is a throttling instruction (Graph sends it on 429 and 503). */
export const THROTTLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);
