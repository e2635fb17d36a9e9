import {
  minimumRequests,
  percent,
  throttleCeilingPerSecond,
  throttleMinimumMs,
} from './graph-bench.util.js';

describe('minimumRequests', () => {
  it('counts one delta page per pageSize messages per folder, plus one request per fetched message', () => {
    expect(minimumRequests([12_000, 8_500], 999, 20_500)).toBe(13 + 9 + 20_500);
  });

  it('needs one page even for an empty folder (it carries the deltaLink)', () => {
    expect(minimumRequests([0], 999, 0)).toBe(1);
  });
});

describe('throttle arithmetic', () => {
  it("is Graph's 10,000 requests per 10 minutes as a rate", () => {
    expect(throttleCeilingPerSecond(10_000, 600_000)).toBeCloseTo(16.667, 3);
    expect(throttleCeilingPerSecond(10_000, 30_000)).toBeCloseTo(333.333, 3);
  });

  it('spends whole windows before the last request can go', () => {
    expect(throttleMinimumMs(10_000, 10_000, 30_000)).toBe(0);
    expect(throttleMinimumMs(10_001, 10_000, 30_000)).toBe(30_000);
    expect(throttleMinimumMs(20_500, 10_000, 30_000)).toBe(60_000);
    expect(throttleMinimumMs(0, 10_000, 30_000)).toBe(0);
  });

  it('rounds percentages to two decimals', () => {
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(5, 0)).toBe(0);
  });
});
