import { ThrottleService } from './throttle.service.js';

describe('ThrottleService', () => {
  it('admits at most `concurrency` requests at once per app and mailbox', () => {
    const t = new ThrottleService({
      limit: 100,
      windowMs: 1000,
      concurrency: 4,
    });
    const admitted = [1, 2, 3, 4].map(() => t.acquire('app', 'mbx', 0));
    expect(admitted.every((d) => d.ok)).toBe(true);
    const fifth = t.acquire('app', 'mbx', 0);
    expect(fifth).toEqual({
      ok: false,
      reason: 'concurrency',
      retryAfterSeconds: 1,
    });
    // Another mailbox and another app have their own budgets.
    expect(t.acquire('app', 'other', 0).ok).toBe(true);
    expect(t.acquire('app2', 'mbx', 0).ok).toBe(true);
    const first = admitted[0];
    if (first?.ok) first.release();
    expect(t.acquire('app', 'mbx', 0).ok).toBe(true);
  });

  it('refuses requests beyond the window budget with the time left as Retry-After', () => {
    const t = new ThrottleService({
      limit: 3,
      windowMs: 10_000,
      concurrency: 10,
    });
    for (let i = 0; i < 3; i++) {
      const d = t.acquire('app', 'mbx', 1000);
      expect(d.ok).toBe(true);
      if (d.ok) d.release();
    }
    expect(t.acquire('app', 'mbx', 3500)).toEqual({
      ok: false,
      reason: 'rate',
      retryAfterSeconds: 8,
    });
    // Refused requests do not use the budget; the next window starts fresh.
    expect(t.acquire('app', 'mbx', 11_000).ok).toBe(true);
  });

  it('releasing twice frees only one slot', () => {
    const t = new ThrottleService({
      limit: 100,
      windowMs: 1000,
      concurrency: 1,
    });
    const a = t.acquire('app', 'mbx', 0);
    if (!a.ok) throw new Error('expected admission');
    a.release();
    a.release();
    expect(t.acquire('app', 'mbx', 0).ok).toBe(true);
    expect(t.acquire('app', 'mbx', 0).ok).toBe(false);
  });
});
