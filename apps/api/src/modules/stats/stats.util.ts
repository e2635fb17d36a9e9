import type { SyncBucketStats } from '@headersync/domain-persistence';
import type { StatsBucketDto, StatsTotalsDto } from './stats.dto';

/**
 * Average size of a downloaded message. Standard runs download every
 * message they list, so their average describes the mail header-based sync
 * skips better than header-based runs' own downloads (only relevant mail).
 */
export function averageMessageBytesOf(
  totals: SyncBucketStats['totals'],
): number | null {
  if (totals.standardFetched > 0)
    return totals.standardBytesBody / totals.standardFetched;
  if (totals.fetched > 0) return totals.bytesBody / totals.fetched;
  return null;
}

function sum(values: Record<string, number>): number {
  return Object.values(values).reduce((a, b) => a + b, 0);
}

/** Buckets and totals as the API returns them, with the bytes saved estimated. */
export function summariseSyncStats(stats: SyncBucketStats): {
  averageMessageBytes: number | null;
  buckets: StatsBucketDto[];
  totals: StatsTotalsDto;
} {
  const average = averageMessageBytesOf(stats.totals);
  const totals = {
    runs: 0,
    seen: 0,
    fetched: 0,
    stored: 0,
    ignored: {} as Record<string, number>,
    ignoredTotal: 0,
    bytesHeader: 0,
    bytesBody: 0,
    skipped: 0,
  };
  const buckets = stats.buckets.map((b): StatsBucketDto => {
    const skipped = Math.max(0, b.headerBasedSeen - b.headerBasedFetched);
    totals.runs += b.runs;
    totals.seen += b.seen;
    totals.fetched += b.fetched;
    totals.stored += b.stored;
    totals.bytesHeader += b.bytesHeader;
    totals.bytesBody += b.bytesBody;
    totals.skipped += skipped;
    for (const [reason, n] of Object.entries(b.ignored))
      totals.ignored[reason] = (totals.ignored[reason] ?? 0) + n;
    return {
      start: b.start,
      runs: b.runs,
      seen: b.seen,
      fetched: b.fetched,
      stored: b.stored,
      ignored: b.ignored,
      ignoredTotal: sum(b.ignored),
      bytesHeader: b.bytesHeader,
      bytesBody: b.bytesBody,
      bytesNotDownloaded:
        skipped === 0
          ? 0
          : average === null
            ? null
            : Math.round(skipped * average),
    };
  });
  const { skipped, ...rest } = totals;
  return {
    averageMessageBytes: average === null ? null : Math.round(average),
    buckets,
    totals: {
      ...rest,
      ignoredTotal: sum(rest.ignored),
      bytesNotDownloaded:
        skipped === 0
          ? 0
          : average === null
            ? null
            : Math.round(skipped * average),
    },
  };
}
