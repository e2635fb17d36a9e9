// Outlook allows each app 10,000 requests per 10 minutes per mailbox
// (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits),
// and each item of a $batch counts as one request
// (https://learn.microsoft.com/graph/json-batching#throttling). Sending faster
// buys nothing but 429s: each is a wasted request, and its Retry-After stops
// the whole mailbox. So the client paces itself under the budget.
//
// Graph does not say where its window starts, and it counts a request at some
// moment between our sending it and our reading the answer (a $batch's items
// run 4 at a time, so over the whole batch). A request is therefore held to
// count from its send until the window has passed after its ANSWER: any two
// requests `limit` apart are then a full window apart at Graph, whatever its
// clock, its window boundaries or its latency. That makes the pacing safe by
// construction; the small headroom leaves room for other callers of the same
// app (the API's connection checks), and a 429 that still comes is honoured.

export interface RequestBudgetOptions {
  /** Requests allowed per window and (app, mailbox); Outlook: 10,000. */
  limit: number;
  /** Outlook: 600,000 (10 minutes). */
  windowMs: number;
  /** Share of the limit left unused (default 0.02). */
  headroom?: number;
  now?: () => number;
}

/** Call when the answer is in (or the attempt failed): the request's window starts then. */
export type SettleRequests = () => void;

const DEFAULT_HEADROOM = 0.02;
/** Idle keys are looked for every this many acquisitions. */
const SWEEP_EVERY = 1_000;

interface Waiter {
  count: number;
  wake: () => void;
}

/**
 * Granted requests of one key, run-length encoded (a $batch is one entry) and
 * in grant order. `answeredAt` is NaN while the requests are in flight.
 * `countsUntil[i]` is the later of entry i's answer and every earlier entry's
 * (Infinity while any of them is in flight): non-decreasing, so the log can
 * be binary-searched, and never earlier than the truth.
 */
interface BudgetLog {
  answeredAt: number[];
  countsUntil: number[];
  /** Requests granted up to and including entry i since the key was created. */
  cumulative: number[];
  /** First live entry; those before it have left every window. */
  head: number;
  /** Entries spliced off the front: entry id = offset + index. */
  offset: number;
  /** Requests in the entries before `head`. */
  dropped: number;
  queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
  timerAt: number;
}

/** Per-(app, mailbox) pacing: waits until `count` more requests fit the window. */
export class MailboxRequestBudget {
  /** Requests actually allowed per window, headroom taken off. */
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly logs = new Map<string, BudgetLog>();
  private acquisitions = 0;

  constructor(options: RequestBudgetOptions) {
    const headroom = options.headroom ?? DEFAULT_HEADROOM;
    if (!Number.isInteger(options.limit) || options.limit < 1)
      throw new RangeError('limit must be a positive integer');
    if (!Number.isFinite(options.windowMs) || options.windowMs <= 0)
      throw new RangeError('windowMs must be a positive number');
    if (!(headroom >= 0 && headroom < 1))
      throw new RangeError('headroom must be at least 0 and below 1');
    this.limit = Math.max(1, Math.floor(options.limit * (1 - headroom)));
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  /**
   * Takes room for `count` requests (a $batch: its item count) for `key` if
   * there is room now, and returns the function to call on their answer;
   * undefined when the window is full. A batch larger than the limit is taken
   * as the limit: it could never fit, and Graph will answer it with 429s.
   */
  take(key: string, count: number): SettleRequests | undefined {
    if (++this.acquisitions % SWEEP_EVERY === 0) this.sweep();
    const log = this.logOf(key);
    const n = this.clamp(count);
    const now = this.now();
    this.trim(log, now);
    if (this.readyAt(log, n, now) > now) return undefined;
    return this.record(key, log, n);
  }

  /**
   * Resolves once there is room for `count` requests, without taking it:
   * the caller takes it with `take` when it is about to send (after waiting
   * for a connection slot, which should not count against the budget).
   */
  room(key: string, count: number): Promise<void> {
    const log = this.logOf(key);
    const n = this.clamp(count);
    const now = this.now();
    this.trim(log, now);
    if (this.readyAt(log, n, now) <= now) return Promise.resolve();
    return new Promise<void>((wake) => {
      log.queue.push({ count: n, wake });
      this.drain(key, log);
    });
  }

  /** Waits for room and takes it. */
  async acquire(key: string, count: number): Promise<SettleRequests> {
    for (;;) {
      await this.room(key, count);
      const settle = this.take(key, count);
      if (settle) return settle;
    }
  }

  /** Keys with requests still counting or waiting, for tests and diagnostics. */
  get size(): number {
    return this.logs.size;
  }

  private logOf(key: string): BudgetLog {
    let log = this.logs.get(key);
    if (!log) {
      log = {
        answeredAt: [],
        countsUntil: [],
        cumulative: [],
        head: 0,
        offset: 0,
        dropped: 0,
        queue: [],
        timer: undefined,
        timerAt: 0,
      };
      this.logs.set(key, log);
    }
    return log;
  }

  private clamp(count: number): number {
    return Math.min(this.limit, Math.max(1, Math.ceil(count)));
  }

  /**
   * Wakes, first come first served, the waiters the room left fits (waking
   * takes nothing: each takes its room when it is about to send, and waits
   * again if someone took it first); a timer or an answer wakes the rest.
   * Waking only as many as fit keeps a queue of N waiters from being woken
   * N times over.
   */
  private drain(key: string, log: BudgetLog): void {
    if (log.queue.length === 0) return;
    const now = this.now();
    this.trim(log, now);
    const last = log.cumulative.length - 1;
    const inWindow =
      last >= 0 ? (log.cumulative[last] as number) - log.dropped : 0;
    let room = this.limit - inWindow;
    let next = Number.POSITIVE_INFINITY;
    const waiting: Waiter[] = [];
    for (const waiter of log.queue) {
      if (waiter.count <= room) {
        room -= waiter.count;
        waiter.wake();
        continue;
      }
      waiting.push(waiter);
      const readyAt = this.readyAt(log, waiter.count, now);
      // Ready already: the room is promised to those just woken; their
      // answers (or their failing to take it) drain again.
      if (readyAt > now) next = Math.min(next, readyAt);
    }
    log.queue = waiting;
    // Infinity: requests in flight hold the window; their answer drains.
    if (!Number.isFinite(next) || (log.timer && log.timerAt <= next)) return;
    if (log.timer) clearTimeout(log.timer);
    log.timerAt = next;
    log.timer = setTimeout(() => {
      log.timer = undefined;
      this.drain(key, log);
    }, next - now);
  }

  /** When `count` more requests fit: the entry holding the oldest one that must have left, plus a window. */
  private readyAt(log: BudgetLog, count: number, now: number): number {
    const last = log.cumulative.length - 1;
    if (last < log.head) return now;
    const total = log.cumulative[last] as number;
    const mustHaveLeft = total - (this.limit - count) - 1;
    if (mustHaveLeft < log.dropped) return now;
    const until = log.countsUntil[this.entryOf(log, mustHaveLeft)] as number;
    return Math.max(now, until + this.windowMs);
  }

  private record(key: string, log: BudgetLog, count: number): SettleRequests {
    const last = log.cumulative.length - 1;
    const total = last >= 0 ? (log.cumulative[last] as number) : log.dropped;
    log.answeredAt.push(Number.NaN);
    log.countsUntil.push(Number.POSITIVE_INFINITY);
    log.cumulative.push(total + count);
    const id = log.offset + log.answeredAt.length - 1;
    let settled = false;
    return () => {
      if (settled) return;
      settled = true;
      const index = id - log.offset;
      // Trim never passes an entry in flight, so it is still live.
      if (index >= log.head) {
        log.answeredAt[index] = this.now();
        for (let i = index; i < log.answeredAt.length; i++) {
          const own = log.answeredAt[i] as number;
          const before = i > log.head ? (log.countsUntil[i - 1] as number) : 0;
          const until = Number.isNaN(own)
            ? Number.POSITIVE_INFINITY
            : Math.max(own, before);
          if (until === log.countsUntil[i] && i > index) break;
          log.countsUntil[i] = until;
        }
      }
      this.drain(key, log);
      this.forgetIfIdle(key, log);
    };
  }

  /** The live entry holding request number `index` (0-based, since the key was created). */
  private entryOf(log: BudgetLog, index: number): number {
    let lo = log.head;
    let hi = log.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((log.cumulative[mid] as number) > index) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Passes entries no grant can look at any more: answered a window ago (so
   * are all before them), or wholly older than the newest `limit` requests.
   * Never an entry in flight: the ones after it wait for its answer.
   */
  private trim(log: BudgetLog, now: number): void {
    const last = log.cumulative.length - 1;
    if (last < log.head) return;
    const total = log.cumulative[last] as number;
    while (
      log.head <= last &&
      !Number.isNaN(log.answeredAt[log.head] as number) &&
      ((log.countsUntil[log.head] as number) <= now - this.windowMs ||
        (log.cumulative[log.head] as number) <= total - this.limit)
    ) {
      log.dropped = log.cumulative[log.head] as number;
      log.head++;
    }
    if (log.head > 64 && log.head * 2 > log.cumulative.length) {
      log.answeredAt.splice(0, log.head);
      log.countsUntil.splice(0, log.head);
      log.cumulative.splice(0, log.head);
      log.offset += log.head;
      log.head = 0;
    }
  }

  private sweep(): void {
    for (const [key, log] of this.logs) {
      this.trim(log, this.now());
      this.forgetIfIdle(key, log);
    }
  }

  private forgetIfIdle(key: string, log: BudgetLog): void {
    if (log.queue.length > 0 || log.timer) return;
    const newest =
      log.cumulative.length > log.head
        ? (log.countsUntil[log.countsUntil.length - 1] as number)
        : Number.NEGATIVE_INFINITY;
    if (newest <= this.now() - this.windowMs) this.logs.delete(key);
  }
}
