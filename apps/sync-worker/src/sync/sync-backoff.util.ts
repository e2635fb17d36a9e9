import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  RETRY_AFTER_MAX_MS,
} from './sync.constants';

/**
 * Delay before a mailbox-sync job's next attempt: Graph's Retry-After when
 * the failure carried one (https://learn.microsoft.com/graph/throttling),
 * else exponential backoff with full jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter").
 */
export function syncRetryDelayMs(
  attemptsMade: number,
  error: unknown,
  random: () => number = Math.random,
): number {
  const retryAfterMs = (error as { retryAfterMs?: unknown } | null)
    ?.retryAfterMs;
  if (typeof retryAfterMs === 'number' && retryAfterMs > 0)
    return Math.min(retryAfterMs, RETRY_AFTER_MAX_MS);
  const cap = Math.min(
    BACKOFF_MAX_MS,
    BACKOFF_BASE_MS * 2 ** Math.max(0, attemptsMade - 1),
  );
  return Math.round(
    BACKOFF_BASE_MS / 2 + random() * (cap - BACKOFF_BASE_MS / 2),
  );
}
