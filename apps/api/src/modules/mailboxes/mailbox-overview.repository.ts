import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface MailboxCounters {
  readonly storedMessages: number;
  readonly lastRun: {
    readonly id: string;
    readonly status: string;
    readonly mode: string;
    readonly trigger: string;
    readonly startedAt: Date;
    readonly finishedAt: Date | null;
    readonly seen: number;
    readonly fetched: number;
    readonly stored: number;
    readonly ignored: Record<string, number>;
    readonly error: string | null;
  } | null;
}

/**
 * Read model for the mailboxes page: per mailbox, its stored copies and its
 * latest sync run, in one query for the whole page (the persistence lib
 * has no such read yet).
 */
@Injectable()
export class MailboxOverviewRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async countersFor(
    orgId: string,
    mailboxIds: readonly string[],
  ): Promise<Map<string, MailboxCounters>> {
    if (mailboxIds.length === 0) return new Map();
    const rows = await this.dataSource.query<
      {
        mailbox_id: string;
        stored_messages: string;
        run_id: string | null;
        status: string | null;
        mode: string | null;
        trigger: string | null;
        started_at: Date | null;
        finished_at: Date | null;
        seen: number | null;
        fetched: number | null;
        stored: number | null;
        ignored: Record<string, number> | null;
        error: string | null;
      }[]
    >(
      `SELECT m.id AS mailbox_id,
              (SELECT count(*) FROM mailbox_message c WHERE c.mailbox_id = m.id) AS stored_messages,
              r.id AS run_id, r.status, r.mode, r.trigger, r.started_at, r.finished_at,
              r.seen, r.fetched, r.stored, r.ignored, r.error
       FROM mailbox m
       LEFT JOIN LATERAL (
         SELECT * FROM sync_run s WHERE s.mailbox_id = m.id ORDER BY s.started_at DESC LIMIT 1
       ) r ON true
       WHERE m.org_id = $1 AND m.id = ANY($2::uuid[])`,
      [orgId, [...mailboxIds]],
    );
    return new Map(
      rows.map((r) => [
        r.mailbox_id,
        {
          storedMessages: Number(r.stored_messages),
          lastRun:
            r.run_id === null
              ? null
              : {
                  id: r.run_id,
                  status: r.status ?? '',
                  mode: r.mode ?? '',
                  trigger: r.trigger ?? '',
                  startedAt: r.started_at ?? new Date(0),
                  finishedAt: r.finished_at,
                  seen: r.seen ?? 0,
                  fetched: r.fetched ?? 0,
                  stored: r.stored ?? 0,
                  ignored: r.ignored ?? {},
                  error: r.error,
                },
        },
      ]),
    );
  }
}
