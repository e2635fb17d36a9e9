import { fullJitterDelay, parseRetryAfter } from './retry-policy.util.js';

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  const now = Date.parse('2025-02-13T10:17:05Z');

  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('10', now)).toBe(10_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('accepts the fractional seconds Graph has been seen sending ("2.128")', () => {
    expect(parseRetryAfter('2.128', now)).toBe(2128);
  });

  it('reads an IMF-fixdate relative to now', () => {
    expect(parseRetryAfter('Thu, 13 Feb 2025 10:17:35 GMT', now)).toBe(30_000);
  });

  it('reads the obsolete RFC 850 date form recipients must accept', () => {
    expect(parseRetryAfter('Thursday, 13-Feb-25 10:17:15 GMT', now)).toBe(
      10_000,
    );
  });

  it('treats a date in the past as "retry now"', () => {
    expect(parseRetryAfter('Thu, 13 Feb 2025 10:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent, empty, negative and garbage values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('fullJitterDelay', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 30_000 };

  it('grows the ceiling exponentially: random 1 approaches base * 2^attempt', () => {
    const almostOne = () => 0.999999;
    expect(fullJitterDelay(0, options, almostOne)).toBe(499);
    expect(fullJitterDelay(1, options, almostOne)).toBe(999);
    expect(fullJitterDelay(3, options, almostOne)).toBe(3999);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(fullJitterDelay(40, options, () => 0.999999)).toBeLessThan(30_000);
    expect(fullJitterDelay(40, options, () => 0.5)).toBe(15_000);
  });

  it('is fully jittered: random 0 gives no delay at all', () => {
    expect(fullJitterDelay(5, options, () => 0)).toBe(0);
  });

  it('stays within [0, ceiling) for real randomness', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = fullJitterDelay(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(2000);
    }
  });
});
