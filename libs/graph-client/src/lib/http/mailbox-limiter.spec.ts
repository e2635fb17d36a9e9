import { InProcessMailboxLimiter } from './mailbox-limiter.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InProcessMailboxLimiter', () => {
  it('lets at most 4 requests per mailbox run at once (Outlook concurrency limit)', async () => {
    const limiter = new InProcessMailboxLimiter();
    let running = 0;
    let peak = 0;
    const task = async () => {
      const release = await limiter.acquire('alice', 1);
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      release();
    };
    await Promise.all(Array.from({ length: 20 }, task));
    expect(peak).toBe(4);
  });

  it('keeps mailboxes independent', async () => {
    const limiter = new InProcessMailboxLimiter();
    const held = await Promise.all(
      [1, 2, 3, 4].map(() => limiter.acquire('alice', 1)),
    );
    const bob = await limiter.acquire('bob', 4);
    expect(limiter.snapshot('bob').inUse).toBe(4);
    bob();
    held.forEach((release) => release());
  });

  it('gives a batch (4 permits) the whole mailbox and serves waiters in FIFO order', async () => {
    const limiter = new InProcessMailboxLimiter();
    const order: string[] = [];
    const first = await limiter.acquire('alice', 1);
    const batch = limiter.acquire('alice', 4).then((release) => {
      order.push('batch');
      return release;
    });
    const single = limiter.acquire('alice', 1).then((release) => {
      order.push('single');
      return release;
    });
    await tick();
    expect(order).toEqual([]); // the single request does not overtake the waiting batch
    first();
    const releaseBatch = await batch;
    await tick();
    expect(order).toEqual(['batch']);
    releaseBatch();
    (await single)();
    expect(order).toEqual(['batch', 'single']);
  });

  it('clamps permits to the concurrency, so a 20-item batch cannot deadlock', async () => {
    const limiter = new InProcessMailboxLimiter();
    const release = await limiter.acquire('alice', 20);
    expect(limiter.snapshot('alice').inUse).toBe(4);
    release();
    release(); // double release is harmless
    expect(limiter.snapshot('alice').inUse).toBe(0);
  });

  it('starts nothing for a paused mailbox before the pause ends', async () => {
    jest.useFakeTimers();
    try {
      let now = 1_000_000;
      const limiter = new InProcessMailboxLimiter({ now: () => now });
      limiter.pauseUntil('alice', now + 5000);
      expect(limiter.pausedUntil('alice')).toBe(now + 5000);
      let granted = false;
      const pending = limiter.acquire('alice', 1).then((release) => {
        granted = true;
        release();
      });
      now += 4999;
      jest.advanceTimersByTime(4999);
      await Promise.resolve();
      expect(granted).toBe(false);
      now += 1;
      jest.advanceTimersByTime(1);
      await pending;
      expect(granted).toBe(true);
      // Other mailboxes were never paused.
      expect(limiter.pausedUntil('bob')).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('only ever extends a pause', () => {
    const limiter = new InProcessMailboxLimiter({ now: () => 0 });
    limiter.pauseUntil('alice', 10_000);
    limiter.pauseUntil('alice', 5_000);
    expect(limiter.pausedUntil('alice')).toBe(10_000);
  });
});
