import { createMailbox, createOrganization } from '../../testing/factories.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database.js';
import { SyncRunRepository } from './sync-run.repository.js';

describe('SyncRunRepository.bucketStats (real PostgreSQL)', () => {
  let db: TestDatabase;
  let repo: SyncRunRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    repo = new SyncRunRepository(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function run(
    orgId: string,
    mailboxId: string,
    startedAt: string,
    mode: 'header-based' | 'standard',
    counters: Parameters<SyncRunRepository['addCounters']>[1],
  ): Promise<void> {
    const row = await repo.start(orgId, mailboxId, mode, 'schedule');
    await repo.addCounters(row.id, counters);
    await db.dataSource.query(
      `UPDATE "sync_run" SET "started_at" = $2 WHERE "id" = $1`,
      [row.id, startedAt],
    );
  }

  it('sums runs per UTC hour, fills empty buckets, keeps modes apart and stays in its org', async () => {
    const org = await createOrganization(db.dataSource);
    const other = await createOrganization(db.dataSource);
    const a = await createMailbox(db.dataSource, org.id);
    const b = await createMailbox(db.dataSource, org.id);
    const x = await createMailbox(db.dataSource, other.id);
    await run(org.id, a.id, '2026-11-30T09:05:00Z', 'header-based', {
      seen: 100,
      fetched: 10,
      stored: 9,
      ignored: { bulk: 60, 'no-prospect': 30 },
      bytesHeader: 50_000,
      bytesBody: 200_000,
    });
    await run(org.id, b.id, '2026-11-30T09:55:00Z', 'standard', {
      seen: 20,
      fetched: 20,
      stored: 2,
      ignored: { bulk: 18 },
      bytesBody: 400_000,
    });
    await run(org.id, a.id, '2026-11-30T11:00:00Z', 'header-based', {
      seen: 5,
      fetched: 1,
      stored: 1,
      ignored: { 'no-prospect': 4 },
    });
    // Outside the range, and another org's run inside it.
    await run(org.id, a.id, '2026-11-30T12:00:00Z', 'standard', { seen: 7 });
    await run(other.id, x.id, '2026-11-30T09:30:00Z', 'standard', {
      seen: 999,
    });

    const stats = await repo.bucketStats(org.id, {
      from: new Date('2026-11-30T09:00:00Z'),
      to: new Date('2026-11-30T12:00:00Z'),
      bucket: 'hour',
    });
    expect(stats.buckets.map((r) => r.start.toISOString())).toEqual([
      '2026-11-30T09:00:00.000Z',
      '2026-11-30T10:00:00.000Z',
      '2026-11-30T11:00:00.000Z',
    ]);
    expect(stats.buckets[0]).toEqual({
      start: new Date('2026-11-30T09:00:00Z'),
      runs: 2,
      seen: 120,
      fetched: 30,
      stored: 11,
      ignored: { bulk: 78, 'no-prospect': 30 },
      bytesHeader: 50_000,
      bytesBody: 600_000,
      headerBasedSeen: 100,
      headerBasedFetched: 10,
    });
    expect(stats.buckets[1]).toMatchObject({ runs: 0, seen: 0, ignored: {} });
    expect(stats.buckets[2]).toMatchObject({ runs: 1, headerBasedSeen: 5 });
    expect(stats.totals).toEqual({
      fetched: 31,
      bytesBody: 600_000,
      standardFetched: 20,
      standardBytesBody: 400_000,
    });

    const oneMailbox = await repo.bucketStats(org.id, {
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
      bucket: 'day',
      mailboxId: b.id,
    });
    expect(oneMailbox.buckets).toHaveLength(1);
    expect(oneMailbox.buckets[0]).toMatchObject({
      start: new Date('2026-11-30T00:00:00Z'),
      runs: 1,
      seen: 20,
    });
  });
});
