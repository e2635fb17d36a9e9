import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type {
  MailboxLimiter,
  ReleasePermits,
} from '../http/mailbox-limiter.js';
import type {
  MailboxRequestBudget,
  SettleRequests,
} from '../http/request-budget.js';
import {
  THROTTLE_STATUSES,
  parseRetryAfter,
} from '../http/retry-policy.util.js';
import { readJsonBody } from './json-body.util.js';
import { requestTag, type GraphRequestTag } from './request-tag.js';

/** Client-side pacing under Outlook's per-(app, mailbox) request budget. */
export interface RequestPacing {
  budget: MailboxRequestBudget;
  /** The app registration a request is sent as: the budget is per app. */
  appOf: (tag: GraphRequestTag) => string;
}

/**
 * Holds the mailbox's limiter permits for exactly one HTTP attempt. It sits
 * inside the retry middleware, so a request waiting out a Retry-After holds
 * no slot, and inside authentication: a token fetch (a round trip to the
 * identity platform) holds no slot either, and cannot carry a request that
 * passed the pause gate onto the wire after a Retry-After arrived meanwhile.
 * The resend after a 401 is a new attempt that takes its slot again.
 *
 * A Retry-After in the answer (on the response itself, or on any item of a
 * `$batch`) pauses the mailbox BEFORE the permits are released: otherwise a
 * request queued behind this one would start at once and reach Graph inside
 * the interval it just asked us to stay away.
 *
 * With pacing, an attempt first waits for room for its Graph requests (a
 * `$batch`: its items) in the (app, mailbox) budget, holding no slot
 * meanwhile: a body fetch waiting on the body app's budget does not hold up
 * the header app's delta pages of the same mailbox. It takes the room once
 * it holds its slots; the requests count from then until a window after the
 * answer.
 */
export class MailboxLimitMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly limiter: MailboxLimiter,
    private readonly now: () => number = Date.now,
    private readonly pacing?: RequestPacing,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next)
      throw new Error('MailboxLimitMiddleware needs a next middleware');
    const tag = requestTag(context);
    if (!tag?.mailbox) {
      await this.next.execute(context);
      return;
    }
    const key = this.pacing
      ? `${this.pacing.appOf(tag)}\u0000${tag.mailbox}`
      : undefined;
    let release: ReleasePermits;
    let settle: SettleRequests | undefined;
    tag.pacedMs = 0;
    for (;;) {
      if (this.pacing && key) {
        const asked = this.now();
        await this.pacing.budget.room(key, tag.graphRequests);
        tag.pacedMs += this.now() - asked;
      }
      release = await this.limiter.acquire(tag.mailbox, tag.permits);
      if (!this.pacing || !key) break;
      // Taken only now, with a slot in hand: time queued for a slot does not
      // count against the budget. Someone else may have taken the room.
      settle = this.pacing.budget.take(key, tag.graphRequests);
      if (settle) break;
      release();
    }
    try {
      await this.next.execute(context);
      const retryAfterMs = context.response
        ? longestRetryAfter(context.response, this.now())
        : undefined;
      if (retryAfterMs !== undefined)
        this.limiter.pauseUntil(tag.mailbox, this.now() + retryAfterMs);
    } finally {
      release();
      settle?.();
    }
  }
}

interface BatchItemLike {
  status?: unknown;
  headers?: Record<string, unknown>;
}

/** The longest throttling Retry-After carried by a response or its batch items, in ms. */
export function longestRetryAfter(
  response: Response,
  nowMs: number,
): number | undefined {
  let longest: number | undefined;
  const consider = (status: number, value: string | null | undefined) => {
    if (!THROTTLE_STATUSES.has(status)) return;
    const ms = parseRetryAfter(value, nowMs);
    if (ms !== undefined) longest = Math.max(longest ?? 0, ms);
  };
  consider(response.status, response.headers.get('retry-after'));
  if (response.status === 200) {
    const parsed = readJsonBody(response);
    const items = parsed.ok
      ? (parsed.value as { responses?: unknown } | undefined)?.responses
      : undefined;
    if (Array.isArray(items)) {
      for (const item of items as BatchItemLike[]) {
        if (typeof item?.status !== 'number' || !item.headers) continue;
        const header = Object.entries(item.headers).find(
          ([name]) => name.toLowerCase() === 'retry-after',
        )?.[1];
        consider(
          item.status,
          typeof header === 'string'
            ? header
            : header === undefined
              ? undefined
              : String(header),
        );
      }
    }
  }
  return longest;
}
