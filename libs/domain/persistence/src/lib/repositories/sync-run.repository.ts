import type {
  SyncMode,
  SyncRunStatus,
  SyncTrigger,
} from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { SyncRunEntity } from '../entities/sync-run.entity.js';
import { managerOf, queryRows, type Tx } from './transaction.js';

export interface SyncRunCounters {
  readonly seen?: number;
  readonly fetched?: number;
  readonly stored?: number;
  readonly updated?: number;
  readonly removed?: number;
  /** Ignored messages by classifier reason (a rule id, never message data). */
  readonly ignored?: Readonly<Record<string, number>>;
  readonly graphRequests?: number;
  readonly bytesHeader?: number;
  readonly bytesBody?: number;
}

export interface SyncStatsRow {
  readonly day: string;
  readonly runs: number;
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  readonly ignored: Record<string, number>;
  readonly graphRequests: number;
  readonly bytesHeader: number;
  readonly bytesBody: number;
}

export type StatsBucket = 'day' | 'hour';

export interface SyncBucketStatsRow {
  /** Start of the UTC bucket. */
  readonly start: Date;
  readonly runs: number;
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  readonly ignored: Record<string, number>;
  readonly bytesHeader: number;
  readonly bytesBody: number;
  /** Messages listed by header-based runs, and how many of them were downloaded. */
  readonly headerBasedSeen: number;
  readonly headerBasedFetched: number;
}

export interface SyncBucketStats {
  /** Every bucket of [from, to), empty ones included, oldest first. */
  readonly buckets: SyncBucketStatsRow[];
  /** Over the whole range: body bytes and messages downloaded, standard runs apart. */
  readonly totals: {
    readonly fetched: number;
    readonly bytesBody: number;
    readonly standardFetched: number;
    readonly standardBytesBody: number;
  };
}

const REASON = /^[a-z0-9][a-z0-9._:-]{0,63}$/;

export class SyncRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async start(
    orgId: string,
    mailboxId: string,
    mode: SyncMode,
    trigger: SyncTrigger,
  ): Promise<SyncRunEntity> {
    const repo = this.dataSource.getRepository(SyncRunEntity);
    return repo.save(repo.create({ orgId, mailboxId, mode, trigger }));
  }

  /**
   * Adds to the counters atomically (several workers may report for one run,
   * e.g. body-fetch jobs). Reason keys must look like rule ids: this column
   * is where ignored mail is counted, so nothing else may reach it.
   */
  async addCounters(
    runId: string,
    delta: SyncRunCounters,
    tx?: Tx,
  ): Promise<void> {
    const ignored = delta.ignored ?? {};
    for (const [reason, n] of Object.entries(ignored)) {
      if (!REASON.test(reason))
        throw new Error(
          'SyncRun ignored reasons must be rule ids (lowercase, no spaces)',
        );
      if (!Number.isInteger(n) || n < 0)
        throw new Error('SyncRun ignored counts must be non-negative integers');
    }
    await queryRows(
      managerOf(this.dataSource, tx),
      `UPDATE "sync_run" SET
         "seen" = "seen" + $2, "fetched" = "fetched" + $3, "stored" = "stored" + $4,
         "updated" = "updated" + $5, "removed" = "removed" + $6,
         "graph_requests" = "graph_requests" + $7,
         "bytes_header" = "bytes_header" + $8, "bytes_body" = "bytes_body" + $9,
         "ignored" = COALESCE((
           SELECT jsonb_object_agg(key, total) FROM (
             SELECT key, sum(value::bigint) AS total FROM (
               SELECT * FROM jsonb_each_text("sync_run"."ignored")
               UNION ALL SELECT * FROM jsonb_each_text($10::jsonb)
             ) AS both_sides GROUP BY key
           ) AS sums
         ), '{}'::jsonb)
       WHERE "id" = $1`,
      [
        runId,
        delta.seen ?? 0,
        delta.fetched ?? 0,
        delta.stored ?? 0,
        delta.updated ?? 0,
        delta.removed ?? 0,
        delta.graphRequests ?? 0,
        delta.bytesHeader ?? 0,
        delta.bytesBody ?? 0,
        JSON.stringify(ignored),
      ],
    );
  }

  async finish(
    runId: string,
    status: Exclude<SyncRunStatus, 'running'>,
    error: string | null = null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(SyncRunEntity)
      .update({ id: runId }, { status, error, finishedAt: new Date() });
  }

  findById(runId: string): Promise<SyncRunEntity | null> {
    return this.dataSource
      .getRepository(SyncRunEntity)
      .findOne({ where: { id: runId } });
  }

  listForMailbox(
    orgId: string,
    mailboxId: string,
    limit = 20,
  ): Promise<SyncRunEntity[]> {
    return this.dataSource.getRepository(SyncRunEntity).find({
      where: { orgId, mailboxId },
      order: { startedAt: 'DESC' },
      take: Math.min(limit, 500),
    });
  }

  /**
   * Totals per UTC day or hour of runs started in [from, to), optionally
   * for one mailbox. The caller bounds the range (an hour bucket over years
   * would be a huge series).
   */
  async bucketStats(
    orgId: string,
    range: {
      readonly from: Date;
      readonly to: Date;
      readonly bucket: StatsBucket;
      readonly mailboxId?: string;
    },
  ): Promise<SyncBucketStats> {
    const bucket = range.bucket === 'hour' ? 'hour' : 'day';
    const rows = await queryRows<{
      start: Date;
      runs: number;
      seen: string;
      fetched: string;
      stored: string;
      bytes_header: string;
      bytes_body: string;
      hb_seen: string;
      hb_fetched: string;
      st_fetched: string;
      st_bytes_body: string;
      ignored: Record<string, string> | null;
    }>(
      this.dataSource.manager,
      `WITH series AS (
         SELECT b FROM generate_series(
           date_trunc($4, $2::timestamptz AT TIME ZONE 'UTC'),
           ($3::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond',
           ('1 ' || $4)::interval
         ) AS b
       ), runs AS (
         SELECT date_trunc($4, r."started_at" AT TIME ZONE 'UTC') AS b, r.*
         FROM "sync_run" r
         WHERE r."org_id" = $1 AND r."started_at" >= $2 AND r."started_at" < $3
           AND ($5::uuid IS NULL OR r."mailbox_id" = $5)
       ), totals AS (
         SELECT b, count(*)::int AS runs, sum("seen") AS seen, sum("fetched") AS fetched,
                sum("stored") AS stored, sum("bytes_header") AS bytes_header, sum("bytes_body") AS bytes_body,
                sum("seen") FILTER (WHERE "mode" = 'header-based') AS hb_seen,
                sum("fetched") FILTER (WHERE "mode" = 'header-based') AS hb_fetched,
                sum("fetched") FILTER (WHERE "mode" = 'standard') AS st_fetched,
                sum("bytes_body") FILTER (WHERE "mode" = 'standard') AS st_bytes_body
         FROM runs GROUP BY b
       ), ignored AS (
         SELECT b, jsonb_object_agg(key, total) AS ignored FROM (
           SELECT runs.b, i.key, sum(i.value::bigint) AS total
           FROM runs, jsonb_each_text(runs."ignored") AS i GROUP BY runs.b, i.key
         ) AS per_reason GROUP BY b
       )
       SELECT s.b AT TIME ZONE 'UTC' AS start, COALESCE(t.runs, 0) AS runs,
              COALESCE(t.seen, 0) AS seen, COALESCE(t.fetched, 0) AS fetched, COALESCE(t.stored, 0) AS stored,
              COALESCE(t.bytes_header, 0) AS bytes_header, COALESCE(t.bytes_body, 0) AS bytes_body,
              COALESCE(t.hb_seen, 0) AS hb_seen, COALESCE(t.hb_fetched, 0) AS hb_fetched,
              COALESCE(t.st_fetched, 0) AS st_fetched, COALESCE(t.st_bytes_body, 0) AS st_bytes_body,
              ig.ignored
       FROM series s LEFT JOIN totals t ON t.b = s.b LEFT JOIN ignored ig ON ig.b = s.b
       ORDER BY s.b`,
      [orgId, range.from, range.to, bucket, range.mailboxId ?? null],
    );
    let fetched = 0;
    let bytesBody = 0;
    let standardFetched = 0;
    let standardBytesBody = 0;
    const buckets = rows.map((r) => {
      fetched += Number(r.fetched);
      bytesBody += Number(r.bytes_body);
      standardFetched += Number(r.st_fetched);
      standardBytesBody += Number(r.st_bytes_body);
      return {
        start: new Date(r.start),
        runs: r.runs,
        seen: Number(r.seen),
        fetched: Number(r.fetched),
        stored: Number(r.stored),
        bytesHeader: Number(r.bytes_header),
        bytesBody: Number(r.bytes_body),
        headerBasedSeen: Number(r.hb_seen),
        headerBasedFetched: Number(r.hb_fetched),
        ignored: Object.fromEntries(
          Object.entries(r.ignored ?? {}).map(([k, v]) => [k, Number(v)]),
        ),
      };
    });
    return {
      buckets,
      totals: { fetched, bytesBody, standardFetched, standardBytesBody },
    };
  }

  /** Daily totals for the stats endpoint (UTC days), optionally for one mailbox. */
  async dailyStats(
    orgId: string,
    since: Date,
    mailboxId?: string,
  ): Promise<SyncStatsRow[]> {
    const rows = await queryRows<{
      day: string;
      runs: number;
      seen: string;
      fetched: string;
      stored: string;
      graph_requests: string;
      bytes_header: string;
      bytes_body: string;
      ignored: Record<string, string> | null;
    }>(
      this.dataSource.manager,
      `WITH runs AS (
         SELECT date_trunc('day', r."started_at" AT TIME ZONE 'UTC') AS d, r.*
         FROM "sync_run" r
         WHERE r."org_id" = $1 AND r."started_at" >= $2 AND ($3::uuid IS NULL OR r."mailbox_id" = $3)
       ), totals AS (
         SELECT d, count(*)::int AS runs, sum("seen") AS seen, sum("fetched") AS fetched, sum("stored") AS stored,
                sum("graph_requests") AS graph_requests, sum("bytes_header") AS bytes_header,
                sum("bytes_body") AS bytes_body
         FROM runs GROUP BY d
       ), ignored AS (
         SELECT d, jsonb_object_agg(key, total) AS ignored FROM (
           SELECT runs.d, i.key, sum(i.value::bigint) AS total
           FROM runs, jsonb_each_text(runs."ignored") AS i GROUP BY runs.d, i.key
         ) AS per_reason GROUP BY d
       )
       SELECT to_char(t.d, 'YYYY-MM-DD') AS day, t.runs, t.seen, t.fetched, t.stored, t.graph_requests,
              t.bytes_header, t.bytes_body, ig.ignored
       FROM totals t LEFT JOIN ignored ig ON ig.d = t.d ORDER BY t.d`,
      [orgId, since, mailboxId ?? null],
    );
    return rows.map((r) => ({
      day: r.day,
      runs: r.runs,
      seen: Number(r.seen),
      fetched: Number(r.fetched),
      stored: Number(r.stored),
      graphRequests: Number(r.graph_requests),
      bytesHeader: Number(r.bytes_header),
      bytesBody: Number(r.bytes_body),
      ignored: Object.fromEntries(
        Object.entries(r.ignored ?? {}).map(([k, v]) => [k, Number(v)]),
      ),
    }));
  }
}
