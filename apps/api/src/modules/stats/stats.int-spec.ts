import request from 'supertest';
import {
  MailboxRepository,
  SyncRunRepository,
} from '@headersync/domain-persistence';
import {
  startApiHarness,
  type ApiHarness,
  type TestOrg,
} from '../prospects/testing/api-harness.util';

describe('stats API (e2e, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    api = await startApiHarness();
    org = await api.createOrg();
    other = await api.createOrg();
    const runs = new SyncRunRepository(api.database.dataSource);
    const seed = async (
      t: TestOrg,
      mailboxId: string,
      startedAt: string,
      mode: 'header-based' | 'standard',
      counters: Parameters<SyncRunRepository['addCounters']>[1],
    ) => {
      const run = await runs.start(t.orgId, mailboxId, mode, 'schedule');
      await runs.addCounters(run.id, counters);
      await runs.finish(run.id, 'succeeded');
      await api.database.dataSource.query(
        'UPDATE "sync_run" SET "started_at" = $2 WHERE "id" = $1',
        [run.id, startedAt],
      );
    };
    // A standard run gives the size basis: 10 messages, 500,000 body bytes.
    await seed(org, org.otherMailbox.id, '2026-11-30T08:10:00Z', 'standard', {
      seen: 10,
      fetched: 10,
      stored: 1,
      ignored: { 'relevance:bulk-ignored': 9 },
      bytesBody: 500_000,
    });
    await seed(
      org,
      org.memberMailbox.id,
      '2026-11-30T10:20:00Z',
      'header-based',
      {
        seen: 1000,
        fetched: 40,
        stored: 40,
        ignored: {
          'relevance:bulk-ignored': 900,
          'relevance:no-prospect': 60,
        },
        bytesHeader: 2_000_000,
        bytesBody: 1_600_000,
      },
    );
    await seed(
      other,
      other.otherMailbox.id,
      '2026-11-30T10:00:00Z',
      'standard',
      { seen: 12345 },
    );
    await new MailboxRepository(api.database.dataSource).markSyncFinished(
      org.memberMailbox.id,
      true,
      new Date(Date.now() - 90_000),
    );
  });

  afterAll(async () => {
    await api?.close();
  });

  function stats(caller: TestOrg['admin'], query: Record<string, string>) {
    return request(api.server)
      .get('/api/v1/stats')
      .query(query)
      .set(caller.headers);
  }

  it('refuses callers without a session or token (401) and members (403)', async () => {
    await request(api.server).get('/api/v1/stats').expect(401);
    await stats(org.member, {}).expect(403);
  });

  it('reports per hour: seen, stored, ignored by reason, bytes not downloaded, and sync lag', async () => {
    const response = await stats(org.admin, {
      from: '2026-11-30T08:00:00Z',
      to: '2026-11-30T11:00:00Z',
      bucket: 'hour',
    }).expect(200);
    const body = response.body;
    expect(body.averageMessageBytes).toBe(50_000);
    expect(
      body.buckets.map((b: { start: string; seen: number }) => [
        b.start,
        b.seen,
      ]),
    ).toEqual([
      ['2026-11-30T08:00:00.000Z', 10],
      ['2026-11-30T09:00:00.000Z', 0],
      ['2026-11-30T10:00:00.000Z', 1000],
    ]);
    expect(body.buckets[2]).toMatchObject({
      stored: 40,
      ignored: { 'relevance:bulk-ignored': 900, 'relevance:no-prospect': 60 },
      ignoredTotal: 960,
      // 960 listed but not downloaded, at 50,000 bytes each.
      bytesNotDownloaded: 960 * 50_000,
    });
    expect(body.totals).toMatchObject({
      runs: 2,
      seen: 1010,
      stored: 41,
      ignored: { 'relevance:bulk-ignored': 909, 'relevance:no-prospect': 60 },
      bytesNotDownloaded: 48_000_000,
    });
    const lag = body.mailboxes.find(
      (m: { mailboxId: string }) => m.mailboxId === org.memberMailbox.id,
    );
    expect(lag.lagSeconds).toBeGreaterThanOrEqual(90);
    expect(lag.lagSeconds).toBeLessThan(3600);
    expect(
      body.mailboxes.find(
        (m: { mailboxId: string }) => m.mailboxId === org.otherMailbox.id,
      ).lagSeconds,
    ).toBeNull();
  });

  it('narrows to one mailbox, by day', async () => {
    const response = await stats(org.admin, {
      from: '2026-11-30T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      mailboxId: org.otherMailbox.id,
    }).expect(200);
    expect(response.body.buckets).toHaveLength(1);
    expect(response.body.buckets[0]).toMatchObject({
      start: '2026-11-30T00:00:00.000Z',
      seen: 10,
      bytesNotDownloaded: 0,
    });
    expect(response.body.mailboxes).toHaveLength(1);
  });

  it('answers 404 for another org’s mailbox', async () => {
    await stats(org.admin, { mailboxId: other.otherMailbox.id }).expect(404);
  });

  it('answers 400 naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ bucket: 'week' }, 'bucket'],
      [{ from: "2026-11-01' OR 1=1 --" }, 'from'],
      [{ to: 'tomorrow' }, 'to'],
      [{ mailboxId: 'not-a-uuid' }, 'mailboxId'],
      [{ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
      [
        {
          from: '2026-01-01T00:00:00Z',
          to: '2026-03-01T00:00:00Z',
          bucket: 'hour',
        },
        'from',
      ],
      [{ unknown: '1' }, 'unknown'],
    ];
    for (const [query, field] of cases) {
      const response = await stats(org.admin, query);
      expect([field, response.status]).toEqual([field, 400]);
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
      ).toContain(field);
    }
  });
});
