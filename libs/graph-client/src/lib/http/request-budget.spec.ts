import { MailboxRequestBudget, type SettleRequests } from './request-budget.js';

function budget(limit: number, windowMs: number) {
  return new MailboxRequestBudget({ limit, windowMs, headroom: 0 });
}

/** Resolves what has been granted so far, without advancing the clock. */
async function flush(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

function tracked(p: Promise<SettleRequests>) {
  const t: { settle?: SettleRequests } = {};
  void p.then((settle) => (t.settle = settle));
  return t;
}

describe('MailboxRequestBudget', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('grants the limit at once, then the next one a window after the first answer', async () => {
    const b = budget(3, 10_000);
    const first = [1, 2, 3].map(() => tracked(b.acquire('m', 1)));
    const fourth = tracked(b.acquire('m', 1));
    await flush();
    expect(first.every((t) => t.settle)).toBe(true);
    expect(fourth.settle).toBeUndefined();
    await jest.advanceTimersByTimeAsync(2_000);
    for (const t of first) t.settle?.();
    // Answered at 2 s: the slot is free again at 12 s, not at 10 s.
    await jest.advanceTimersByTimeAsync(9_999);
    expect(fourth.settle).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(fourth.settle).toBeDefined();
  });

  it('holds a request in flight against the window until it is answered', async () => {
    const b = budget(1, 1_000);
    const first = tracked(b.acquire('m', 1));
    const second = tracked(b.acquire('m', 1));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(first.settle).toBeDefined();
    expect(second.settle).toBeUndefined();
    first.settle?.();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(second.settle).toBeDefined();
  });

  it('counts each item of a batch', async () => {
    const b = budget(20, 6_000);
    const batch = tracked(b.acquire('m', 15));
    const big = tracked(b.acquire('m', 10));
    const small = tracked(b.acquire('m', 5));
    await flush();
    expect(batch.settle).toBeDefined();
    // 5 are left: the batch of 10 waits, 5 single requests fit.
    expect(big.settle).toBeUndefined();
    expect(small.settle).toBeDefined();
    batch.settle?.();
    small.settle?.();
    await jest.advanceTimersByTimeAsync(6_000);
    expect(big.settle).toBeDefined();
  });

  it('tells when there is room without taking it', async () => {
    const b = budget(2, 1_000);
    const settle = b.take('m', 2);
    expect(settle).toBeDefined();
    expect(b.take('m', 1)).toBeUndefined();
    let woke = false;
    void b.room('m', 1).then(() => (woke = true));
    settle?.();
    await jest.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
    // Still there for whoever takes it first.
    expect(b.take('m', 2)).toBeDefined();
  });

  it('keeps (app, mailbox) keys apart', async () => {
    const b = budget(1, 1_000);
    const header = tracked(b.acquire('header\u0000m', 1));
    const body = tracked(b.acquire('body\u0000m', 1));
    const again = tracked(b.acquire('header\u0000m', 1));
    await flush();
    expect(header.settle && body.settle).toBeDefined();
    expect(again.settle).toBeUndefined();
  });

  it('takes the headroom off the limit, and a batch larger than the limit as the limit', async () => {
    expect(
      new MailboxRequestBudget({ limit: 10_000, windowMs: 600_000 }).limit,
    ).toBe(9_800);
    const b = budget(5, 1_000);
    const huge = tracked(b.acquire('m', 50));
    await flush();
    expect(huge.settle).toBeDefined();
  });

  it('never lets Graph count more than the limit in any window, whatever its latency', async () => {
    // A seeded stream: arrivals, batch sizes, and a latency per request;
    // Graph counts each item at a random moment between send and answer.
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const limit = 40;
    const windowMs = 3_000;
    const b = budget(limit, windowMs);
    const counted: number[] = [];
    const done: Promise<void>[] = [];
    let arrival = 0;
    for (let i = 0; i < 400; i++) {
      arrival += Math.floor(random() * 40);
      const count = random() < 0.3 ? 1 + Math.floor(random() * 20) : 1;
      const latency = Math.floor(random() * 800);
      const draws = Array.from({ length: count }, () => random());
      done.push(
        new Promise<void>((resolve) => {
          setTimeout(() => {
            void b.acquire('m', count).then((settle) => {
              const sent = Date.now();
              for (const d of draws) counted.push(sent + d * latency);
              setTimeout(() => {
                settle();
                resolve();
              }, latency);
            });
          }, arrival);
        }),
      );
    }
    const all = Promise.all(done);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    await all;
    counted.sort((x, y) => x - y);
    let worst = 0;
    for (let i = 0, j = 0; i < counted.length; i++) {
      while ((counted[j] as number) <= (counted[i] as number) - windowMs) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(counted.length).toBeGreaterThan(400);
    expect(worst).toBeLessThanOrEqual(limit);
  });

  it('forgets keys once their requests have left the window', async () => {
    const b = budget(10, 1_000);
    for (let i = 0; i < 500; i++) (await b.acquire(`old${i}`, 1))();
    expect(b.size).toBe(500);
    await jest.advanceTimersByTimeAsync(5_000);
    for (let i = 0; i < 500; i++) (await b.acquire(`new${i}`, 1))();
    // The 500 answered 5 windows ago are gone; the new ones still count.
    expect(b.size).toBe(500);
  });

  it('refuses settings that cannot pace anything', () => {
    expect(() => new MailboxRequestBudget({ limit: 0, windowMs: 1 })).toThrow(
      RangeError,
    );
    expect(() => new MailboxRequestBudget({ limit: 1, windowMs: 0 })).toThrow(
      RangeError,
    );
    expect(
      () => new MailboxRequestBudget({ limit: 1, windowMs: 1, headroom: 1 }),
    ).toThrow(RangeError);
  });
});
