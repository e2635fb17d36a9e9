import {
  createMailbox,
  createOrganization,
  createProspect,
} from '../../testing/factories.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database.js';
import type { DatabaseLogLevel } from '../data-source/safe.logger.js';
import { MailboxFolderStateRepository } from './mailbox-folder-state.repository.js';
import {
  AccountRepository,
  ProspectRepository,
} from './prospect.repository.js';
import { SyncRunRepository } from './sync-run.repository.js';

describe('prospects, folder state and sync runs (real PostgreSQL)', () => {
  let db: TestDatabase;
  const logLines: {
    level: DatabaseLogLevel;
    message: string;
    fields: Record<string, unknown>;
  }[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({
      log: (level, message, fields) =>
        logLines.push({ level, message, fields }),
    });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('rejects a second prospect with the same email in one org, allows it in another', async () => {
    const org = await createOrganization(db.dataSource);
    const other = await createOrganization(db.dataSource);
    await createProspect(db.dataSource, org.id, {
      email: 'dup@fabrikam.example',
    });
    await expect(
      createProspect(db.dataSource, org.id, { email: 'dup@fabrikam.example' }),
    ).rejects.toMatchObject({
      constraint: 'uq_prospect_org_email',
    });
    await expect(
      createProspect(db.dataSource, org.id, { email: 'Dup@Fabrikam.example' }),
    ).rejects.toMatchObject({
      constraint: 'chk_prospect_email_lowercase',
    });
    await expect(
      createProspect(db.dataSource, other.id, {
        email: 'dup@fabrikam.example',
      }),
    ).resolves.toBeDefined();
  });

  it('never logs the values of a failed query (PostgreSQL detail quotes the row)', async () => {
    const org = await createOrganization(db.dataSource);
    const marker = 'marker-7f3a@secret-prospect.example';
    await createProspect(db.dataSource, org.id, { email: marker });
    logLines.length = 0;
    await expect(
      createProspect(db.dataSource, org.id, { email: marker }),
    ).rejects.toBeDefined();
    expect(logLines.map((l) => l.fields['constraint'])).toContain(
      'uq_prospect_org_email',
    );
    expect(JSON.stringify(logLines)).not.toContain('marker-7f3a');
  });

  it('upserts prospects idempotently and matches a page of addresses in one call', async () => {
    const org = await createOrganization(db.dataSource);
    const repo = new ProspectRepository(db.dataSource);
    await repo.upsertMany(org.id, [
      { email: 'Ann@Fabrikam.example', accountDomain: 'fabrikam.example' },
      { email: 'bob@tailspin.example' },
    ]);
    await repo.upsertMany(org.id, [
      {
        email: 'ann@fabrikam.example',
        name: 'Ann',
        accountDomain: 'fabrikam.example',
      },
    ]);
    await new AccountRepository(db.dataSource).upsertMany(org.id, [
      { domain: 'Litware.example' },
    ]);
    const matches = await repo.findMatching(
      org.id,
      [
        'ANN@fabrikam.example',
        'carl@fabrikam.example',
        'dee@litware.example',
        'eve@unknown.example',
      ],
      { byDomain: true },
    );
    expect(matches.prospects.map((p) => [p.email, p.name])).toEqual([
      ['ann@fabrikam.example', 'Ann'],
    ]);
    expect([...matches.accountDomains].sort()).toEqual([
      'fabrikam.example',
      'litware.example',
    ]);
    expect(
      (await repo.findMatching(org.id, ['dee@litware.example'])).accountDomains
        .size,
    ).toBe(0);
    expect(
      (await repo.search(org.id, { emailPrefix: 'b', limit: 10 })).map(
        (p) => p.email,
      ),
    ).toEqual(['bob@tailspin.example']);
    // LIKE metacharacters in user input match literally.
    expect(await repo.search(org.id, { emailPrefix: '%', limit: 10 })).toEqual(
      [],
    );
  });

  it('keeps one folder state per mailbox and folder, and saves and resets delta links', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const repo = new MailboxFolderStateRepository(db.dataSource);
    const created = await repo.getOrCreate(mailbox.id, 'inbox');
    expect(created).toMatchObject({ status: 'pending', deltaLink: null });
    expect((await repo.getOrCreate(mailbox.id, 'inbox')).id).toBe(created.id);
    const link = `https://graph.microsoft.com/v1.0/users/x/mailFolders/inbox/messages/delta?$deltatoken=${'a'.repeat(3000)}`;
    await repo.saveDeltaLink(mailbox.id, 'inbox', link, 'folder-id-1');
    expect(await repo.getOrCreate(mailbox.id, 'inbox')).toMatchObject({
      deltaLink: link,
      folderId: 'folder-id-1',
      status: 'idle',
    });
    await repo.setStatus(
      mailbox.id,
      'inbox',
      'error',
      'Mailbox not found in tenant',
    );
    await repo.resetDelta(mailbox.id, 'inbox');
    expect(await repo.getOrCreate(mailbox.id, 'inbox')).toMatchObject({
      deltaLink: null,
      folderId: 'folder-id-1',
      status: 'pending',
      lastError: null,
    });
    await expect(
      db.dataSource.query(
        `INSERT INTO "mailbox_folder_state" ("mailbox_id", "folder") VALUES ($1, 'inbox')`,
        [mailbox.id],
      ),
    ).rejects.toMatchObject({
      constraint: 'uq_mailbox_folder_state_mailbox_folder',
    });
  });

  it('adds sync run counters atomically, summing ignored counts per reason', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const repo = new SyncRunRepository(db.dataSource);
    const run = await repo.start(org.id, mailbox.id, 'header-based', 'manual');
    await Promise.all([
      repo.addCounters(run.id, {
        seen: 10,
        ignored: { bulk: 3, 'internal-only': 1 },
        graphRequests: 2,
        bytesHeader: 5000,
      }),
      repo.addCounters(run.id, {
        seen: 5,
        fetched: 2,
        stored: 2,
        ignored: { bulk: 2 },
        bytesBody: 9_000_000_000,
      }),
    ]);
    await repo.finish(run.id, 'succeeded');
    expect(await repo.findById(run.id)).toMatchObject({
      seen: 15,
      fetched: 2,
      stored: 2,
      ignored: { bulk: 5, 'internal-only': 1 },
      graphRequests: 2,
      bytesHeader: 5000,
      bytesBody: 9_000_000_000,
      status: 'succeeded',
    });
    const stats = await repo.dailyStats(
      org.id,
      new Date(Date.now() - 86_400_000),
    );
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({
      runs: 1,
      seen: 15,
      ignored: { bulk: 5, 'internal-only': 1 },
    });
  });

  it('refuses ignored-reason keys that could carry message data', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const repo = new SyncRunRepository(db.dataSource);
    const run = await repo.start(org.id, mailbox.id, 'header-based', 'manual');
    await expect(
      repo.addCounters(run.id, {
        ignored: { 'Re: salary for jane@x.example': 1 },
      }),
    ).rejects.toThrow(/rule ids/);
    expect((await repo.findById(run.id))?.ignored).toEqual({});
  });
});
