import {
  peakByQuarter,
  percentile,
  prospectCsvChunks,
  rssGrowth,
  summariseEndpoint,
} from './api-bench.util.js';

describe('percentile (nearest rank)', () => {
  it('picks the value at ceil(p% of n)', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('summariseEndpoint', () => {
  it('derives requests per second from the measured window', () => {
    expect(
      summariseEndpoint({
        name: 'messages',
        path: '/api/v1/messages',
        latenciesMs: [10, 20, 30, 40],
        errors: 1,
        seconds: 2,
      }),
    ).toEqual({
      name: 'messages',
      path: '/api/v1/messages',
      requests: 4,
      errors: 1,
      seconds: 2,
      requestsPerSecond: 2,
      p50Ms: 20,
      p95Ms: 40,
      p99Ms: 40,
    });
  });
});

describe('prospectCsvChunks', () => {
  it('yields a header and exactly the rows asked for, in chunks', () => {
    const chunks = [...prospectCsvChunks(2500, 1000, 1000)];
    expect(chunks).toHaveLength(3);
    const lines = chunks.join('').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('email,name,account domain');
    expect(lines).toHaveLength(2501);
    expect(lines.filter((l) => l.startsWith('not-an-email'))).toHaveLength(2);
    expect(new Set(lines).size).toBe(2501);
  });
});

describe('rssGrowth', () => {
  it('reports the peak against the start', () => {
    expect(
      rssGrowth({ startBytes: 100, peakBytes: 125, endBytes: 110 }),
    ).toEqual({ peakOverStartBytes: 25, peakOverStartRatio: 1.25 });
  });
});

describe('peakByQuarter', () => {
  it('keeps the highest sample of each quarter of the window, ignoring the rest', () => {
    expect(
      peakByQuarter(
        [
          { at: 5, bytes: 10 },
          { at: 20, bytes: 30 },
          { at: 30, bytes: 12 },
          { at: 99, bytes: 14 },
          { at: 100, bytes: 15 },
          { at: 150, bytes: 999 },
        ],
        0,
        100,
      ),
    ).toEqual([30, 12, 0, 15]);
  });
});
