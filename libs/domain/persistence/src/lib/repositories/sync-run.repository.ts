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
