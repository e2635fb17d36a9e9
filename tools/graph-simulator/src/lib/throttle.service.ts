// Outlook's per-app, per-mailbox limits (graph-facts "Throttling"): at most
// `concurrency` requests in flight and `limit` requests per window.

export interface ThrottleConfig {
  limit: number;
  windowMs: number;
  concurrency: number;
}

export const DEFAULT_THROTTLE: ThrottleConfig = {
  limit: 10_000,
  windowMs: 600_000,
  concurrency: 4,
};

interface Bucket {
  windowStart: number;
  count: number;
  active: number;
}

export type ThrottleDecision =
  | { ok: true; release: () => void }
  | { ok: false; retryAfterSeconds: number; reason: 'rate' | 'concurrency' };

export class ThrottleService {
  private readonly buckets = new Map<string, Bucket>();

  constructor(public config: ThrottleConfig = { ...DEFAULT_THROTTLE }) {}

  /**
   * Admits one request for (app, mailbox) or refuses it. Refused requests do not
   * use the window's budget. The window is fixed, starting at the first request.
   */
  acquire(appId: string, mailboxId: string, nowMs: number): ThrottleDecision {
    const key = `${appId}\u0000${mailboxId}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { windowStart: nowMs, count: 0, active: 0 };
      this.buckets.set(key, b);
    }
    if (nowMs >= b.windowStart + this.config.windowMs) {
      b.windowStart = nowMs;
      b.count = 0;
    }
    if (b.count >= this.config.limit) {
      return {
        ok: false,
        reason: 'rate',
        retryAfterSeconds: Math.max(
          1,
          Math.ceil((b.windowStart + this.config.windowMs - nowMs) / 1000),
        ),
      };
    }
    if (b.active >= this.config.concurrency) {
      // Outlook answers MailboxConcurrency with a short Retry-After.
      return { ok: false, reason: 'concurrency', retryAfterSeconds: 1 };
    }
    b.count++;
    b.active++;
    const bucket = b;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        bucket.active--;
      },
    };
  }

  reset(): void {
    this.buckets.clear();
  }
}
