import type { SyncBucketStatsRow } from '@headersync/domain-persistence';
import { averageMessageBytesOf, summariseSyncStats } from './stats.util';

function row(overrides: Partial<SyncBucketStatsRow>): SyncBucketStatsRow {
  return {
    start: new Date('2026-11-30T00:00:00Z'),
    runs: 0,
    seen: 0,
    fetched: 0,
    stored: 0,
    ignored: {},
    bytesHeader: 0,
    bytesBody: 0,
    headerBasedSeen: 0,
    headerBasedFetched: 0,
    ...overrides,
  };
}

describe('averageMessageBytesOf', () => {
  it('prefers standard runs, which download every message they list', () => {
    expect(
      averageMessageBytesOf({
        fetched: 30,
        bytesBody: 900,
        standardFetched: 10,
        standardBytesBody: 500,
      }),
    ).toBe(50);
  });

  it('falls back to all downloads, and to null without any', () => {
    expect(
      averageMessageBytesOf({
        fetched: 4,
        bytesBody: 100,
        standardFetched: 0,
        standardBytesBody: 0,
      }),
    ).toBe(25);
    expect(
      averageMessageBytesOf({
        fetched: 0,
        bytesBody: 0,
        standardFetched: 0,
        standardBytesBody: 0,
      }),
    ).toBeNull();
  });
});

describe('summariseSyncStats', () => {
  it('estimates the bytes header-based sync skipped, per bucket and in total', () => {
    const result = summariseSyncStats({
      buckets: [
        row({
          runs: 2,
          seen: 110,
          fetched: 20,
          stored: 12,
          ignored: { 'relevance:bulk-ignored': 80, 'relevance:no-prospect': 8 },
          bytesBody: 1000,
          headerBasedSeen: 100,
          headerBasedFetched: 10,
        }),
        row({ start: new Date('2026-12-01T00:00:00Z') }),
      ],
      totals: {
        fetched: 20,
        bytesBody: 1000,
        standardFetched: 10,
        standardBytesBody: 500,
      },
    });
    expect(result.averageMessageBytes).toBe(50);
    expect(result.buckets[0]).toMatchObject({
      ignoredTotal: 88,
      bytesNotDownloaded: 90 * 50,
    });
    expect(result.buckets[1]).toMatchObject({
      ignoredTotal: 0,
      bytesNotDownloaded: 0,
    });
    expect(result.totals).toEqual({
      runs: 2,
      seen: 110,
      fetched: 20,
      stored: 12,
      ignored: { 'relevance:bulk-ignored': 80, 'relevance:no-prospect': 8 },
      ignoredTotal: 88,
      bytesHeader: 0,
      bytesBody: 1000,
      bytesNotDownloaded: 4500,
    });
  });

  it('says null, not zero, when skipped mail has no size basis', () => {
    const result = summariseSyncStats({
      buckets: [row({ headerBasedSeen: 5 })],
      totals: {
        fetched: 0,
        bytesBody: 0,
        standardFetched: 0,
        standardBytesBody: 0,
      },
    });
    expect(result.buckets[0]?.bytesNotDownloaded).toBeNull();
    expect(result.totals.bytesNotDownloaded).toBeNull();
  });
});
