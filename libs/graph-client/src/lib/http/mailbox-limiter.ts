// Outlook allows an app at most 4 concurrent requests per mailbox
// (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits)
// and, after a 429, wants no request to that mailbox before Retry-After has
// elapsed. Both rules are per mailbox, so both live behind one interface: the
// in-process implementation below serves one process, and the sync worker can
// swap in a shared (Redis) one when several processes talk to one mailbox.

export type ReleasePermits = () => void;

export interface MailboxLimiter {
  /**
   * Waits until `permits` slots of the mailbox are free and the mailbox is not
   * paused, then holds them until the returned function is called. A `$batch`
   * asks for up to 4 permits because Outlook runs its items 4 at a time.
   */
  acquire(mailbox: string, permits: number): Promise<ReleasePermits>;
  /** No new request to the mailbox starts before `untilEpochMs`. */
  pauseUntil(mailbox: string, untilEpochMs: number): void;
  /** When the mailbox's pause ends (0 when it is not paused). */
  pausedUntil(mailbox: string): number;
}

interface Waiter {
  permits: number;
  grant: (release: ReleasePermits) => void;
}

interface MailboxState {
  inUse: number;
  queue: Waiter[];
  pausedUntil: number;
  timer: NodeJS.Timeout | undefined;
}

export interface InProcessMailboxLimiterOptions {
  /** Concurrent requests per mailbox (Outlook: 4). */
  concurrency?: number;
  now?: () => number;
}

export const OUTLOOK_MAILBOX_CONCURRENCY = 4;

/** FIFO semaphore per mailbox plus a Retry-After pause gate. */
export class InProcessMailboxLimiter implements MailboxLimiter {
  private readonly concurrency: number;
  private readonly now: () => number;
  private readonly states = new Map<string, MailboxState>();

  constructor(options: InProcessMailboxLimiterOptions = {}) {
    this.concurrency = options.concurrency ?? OUTLOOK_MAILBOX_CONCURRENCY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError('concurrency must be a positive integer');
    }
    this.now = options.now ?? Date.now;
  }

  acquire(mailbox: string, permits: number): Promise<ReleasePermits> {
    const state = this.state(mailbox);
    const wanted = Math.min(this.concurrency, Math.max(1, Math.floor(permits)));
    return new Promise<ReleasePermits>((grant) => {
      state.queue.push({ permits: wanted, grant });
      this.drain(mailbox, state);
    });
  }

  pauseUntil(mailbox: string, untilEpochMs: number): void {
    const state = this.state(mailbox);
    if (untilEpochMs > state.pausedUntil) state.pausedUntil = untilEpochMs;
  }

  pausedUntil(mailbox: string): number {
    const state = this.states.get(mailbox);
    return state && state.pausedUntil > this.now() ? state.pausedUntil : 0;
  }

  /** Current holders and waiters, for tests and diagnostics. */
  snapshot(mailbox: string): { inUse: number; waiting: number } {
    const state = this.states.get(mailbox);
    return { inUse: state?.inUse ?? 0, waiting: state?.queue.length ?? 0 };
  }

  private state(mailbox: string): MailboxState {
    let state = this.states.get(mailbox);
    if (!state) {
      state = { inUse: 0, queue: [], pausedUntil: 0, timer: undefined };
      this.states.set(mailbox, state);
    }
    return state;
  }

  private drain(mailbox: string, state: MailboxState): void {
    const wait = state.pausedUntil - this.now();
    if (wait > 0) {
      if (!state.timer && state.queue.length > 0) {
        state.timer = setTimeout(() => {
          state.timer = undefined;
          this.drain(mailbox, state);
        }, wait);
      }
      return;
    }
    // Strict FIFO: a big request at the head is not starved by small ones.
    for (
      let head = state.queue[0];
      head && state.inUse + head.permits <= this.concurrency;
      head = state.queue[0]
    ) {
      state.queue.shift();
      state.inUse += head.permits;
      let released = false;
      const permits = head.permits;
      head.grant(() => {
        if (released) return;
        released = true;
        state.inUse -= permits;
        this.drain(mailbox, state);
        if (
          state.inUse === 0 &&
          state.queue.length === 0 &&
          !state.timer &&
          state.pausedUntil <= this.now()
        ) {
          this.states.delete(mailbox);
        }
      });
    }
  }
}
