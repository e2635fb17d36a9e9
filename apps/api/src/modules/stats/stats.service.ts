import { Injectable, NotFoundException } from '@nestjs/common';
import {
  MailboxRepository,
  SyncRunRepository,
} from '@headersync/domain-persistence';
import { fieldErrors } from '../../common/field-errors';
import type { Principal } from '../auth/auth.types';
import type { StatsDto, StatsQueryDto } from './stats.dto';
import { summariseSyncStats } from './stats.util';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Longest range per bucket size, so one request stays a bounded series. */
const MAX_RANGE_MS = { hour: 31 * DAY_MS, day: 366 * DAY_MS } as const;
const DEFAULT_RANGE_MS = 7 * DAY_MS;

@Injectable()
export class StatsService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly mailboxes: MailboxRepository,
  ) {}

  async get(
    principal: Principal,
    query: StatsQueryDto,
    now = new Date(),
  ): Promise<StatsDto> {
    const to = query.to === undefined ? now : new Date(query.to);
    const from =
      query.from === undefined
        ? new Date(to.getTime() - DEFAULT_RANGE_MS)
        : new Date(query.from);
    if (from >= to)
      throw fieldErrors([{ field: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_RANGE_MS[query.bucket])
      throw fieldErrors([
        {
          field: 'from',
          message: `must be at most ${MAX_RANGE_MS[query.bucket] / DAY_MS} days before to with bucket=${query.bucket}`,
        },
      ]);

    let mailboxes = await this.mailboxes.listByOrg(principal.orgId);
    if (query.mailboxId !== undefined) {
      mailboxes = mailboxes.filter((m) => m.id === query.mailboxId);
      if (mailboxes.length === 0)
        throw new NotFoundException('No such mailbox');
    }
    const stats = await this.runs.bucketStats(principal.orgId, {
      from,
      to,
      bucket: query.bucket,
      ...(query.mailboxId ? { mailboxId: query.mailboxId } : {}),
    });
    return {
      from,
      to,
      bucket: query.bucket,
      mailboxId: query.mailboxId ?? null,
      ...summariseSyncStats(stats),
      mailboxes: mailboxes.map((m) => ({
        mailboxId: m.id,
        userPrincipalName: m.userPrincipalName,
        status: m.status,
        lastSuccessAt: m.lastSuccessAt,
        lagSeconds: m.lastSuccessAt
          ? Math.max(
              0,
              Math.round((now.getTime() - m.lastSuccessAt.getTime()) / 1000),
            )
          : null,
      })),
    };
  }
}
