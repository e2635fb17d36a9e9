import {
  buildStoredMessageInput,
  createMailbox,
  createOrganization,
} from '../../testing/factories.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database.js';
import { StoredMessageRepository } from './stored-message.repository.js';

async function count(db: TestDatabase, table: string): Promise<number> {
  const rows = await db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "${table}"`,
  );
  return rows[0]?.n ?? -1;
}

describe('StoredMessageRepository (real PostgreSQL)', () => {
  let db: TestDatabase;
  let repo: StoredMessageRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    repo = new StoredMessageRepository(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  beforeEach(async () => {
    await db.dataSource.query('TRUNCATE "organization" CASCADE');
  });

  it('upsertMany is idempotent: the same batch twice stores each message once', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const batch = [
      buildStoredMessageInput(org.id, mailbox.id),
      buildStoredMessageInput(org.id, mailbox.id, { internetMessageId: null }),
      buildStoredMessageInput(org.id, mailbox.id, { folder: 'sentitems' }),
    ];
    expect(await repo.upsertMany(batch)).toEqual({ inserted: 3, updated: 0 });
    expect(await repo.upsertMany(batch)).toEqual({ inserted: 0, updated: 3 });
    expect(await count(db, 'stored_message')).toBe(3);
    expect(await count(db, 'mailbox_message')).toBe(3);
    // A batch that repeats a copy inside itself is fine too.
    const first = batch[0];
    if (!first) throw new Error('unreachable');
    expect(
      await repo.upsertMany([first, { ...first, subject: 'edited' }]),
    ).toEqual({ inserted: 0, updated: 1 });
    const stored = await repo.findStoredGraphIds(
      mailbox.id,
      batch.map((b) => b.graphId),
    );
    expect([...stored].sort()).toEqual(batch.map((b) => b.graphId).sort());
  });

  it('keeps one message per org and Message-ID, with one copy per mailbox', async () => {
    const org = await createOrganization(db.dataSource);
    const sender = await createMailbox(db.dataSource, org.id);
    const recipient = await createMailbox(db.dataSource, org.id);
    const sent = buildStoredMessageInput(org.id, sender.id, {
      folder: 'sentitems',
      direction: 'outbound',
      matchedProspects: ['a@fabrikam.example'],
    });
    const received = {
      ...buildStoredMessageInput(org.id, recipient.id, {
        matchedProspects: ['b@fabrikam.example'],
      }),
      internetMessageId: sent.internetMessageId,
    };
    await repo.upsertMany([sent]);
    await repo.upsertMany([received]);
    expect(await count(db, 'stored_message')).toBe(1);
    const [message] = await repo.list(org.id, {}, { limit: 10 });
    expect(message?.matchedProspects).toEqual([
      'a@fabrikam.example',
      'b@fabrikam.example',
    ]);
    const copies = await repo.listCopies(org.id, message?.id ?? '');
    expect(copies.map((c) => [c.mailboxId, c.direction]).sort()).toEqual(
      [
        [sender.id, 'outbound'],
        [recipient.id, 'inbound'],
      ].sort(),
    );

    // Each mailbox lists it; removing one copy keeps the message, the last removes it.
    expect(
      await repo.list(org.id, { mailboxId: recipient.id }, { limit: 10 }),
    ).toHaveLength(1);
    expect(await repo.removeCopies(sender.id, [sent.graphId])).toBe(1);
    expect(await count(db, 'stored_message')).toBe(1);
    expect(
      await repo.list(org.id, { mailboxId: sender.id }, { limit: 10 }),
    ).toHaveLength(0);
    expect(await repo.removeCopies(recipient.id, [received.graphId])).toBe(1);
    expect(await count(db, 'stored_message')).toBe(0);
  });

  it('attaches a copy by Message-ID without a second download', async () => {
    const org = await createOrganization(db.dataSource);
    const a = await createMailbox(db.dataSource, org.id);
    const b = await createMailbox(db.dataSource, org.id);
    const message = buildStoredMessageInput(org.id, a.id);
    await repo.upsertMany([message]);
    const copy = {
      graphId: 'AAMk-other-copy',
      folder: 'inbox' as const,
      direction: 'inbound' as const,
      internetMessageId: message.internetMessageId ?? '',
    };
    const unknown = {
      ...copy,
      graphId: 'AAMk-unknown',
      internetMessageId: '<never-stored@x.example>',
    };
    expect([
      ...(await repo.attachCopiesByInternetMessageId(org.id, b.id, [
        copy,
        unknown,
      ])),
    ]).toEqual(['AAMk-other-copy']);
    // Idempotent.
    expect([
      ...(await repo.attachCopiesByInternetMessageId(org.id, b.id, [copy])),
    ]).toEqual(['AAMk-other-copy']);
    expect(await count(db, 'mailbox_message')).toBe(2);
    expect(await count(db, 'stored_message')).toBe(1);
  });

  it('does not de-duplicate across orgs', async () => {
    const org1 = await createOrganization(db.dataSource);
    const org2 = await createOrganization(db.dataSource);
    const m1 = await createMailbox(db.dataSource, org1.id);
    const m2 = await createMailbox(db.dataSource, org2.id);
    const one = buildStoredMessageInput(org1.id, m1.id);
    await repo.upsertMany([one]);
    await repo.upsertMany([
      {
        ...buildStoredMessageInput(org2.id, m2.id),
        internetMessageId: one.internetMessageId,
      },
    ]);
    expect(await count(db, 'stored_message')).toBe(2);
    // And org scoping holds for reads.
    const [row] = await repo.list(org1.id, {}, { limit: 1 });
    expect(await repo.findById(org2.id, row?.id ?? '')).toBeNull();
  });

  it('the unique constraints reject duplicates written around the repository', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const input = buildStoredMessageInput(org.id, mailbox.id);
    await repo.upsertMany([input]);
    const [row] = await repo.list(org.id, {}, { limit: 1 });

    await expect(
      db.dataSource.query(
        `INSERT INTO "stored_message" ("org_id", "dedupe_key", "internet_message_id", "participants", "participant_addresses",
           "received_at", "headers", "body_content_type", "body_content", "size_bytes", "kind")
         VALUES ($1, $2, $2, '{}', '{}', now(), '[]', 'text', '', 1, 'human')`,
        [org.id, input.internetMessageId],
      ),
    ).rejects.toMatchObject({ constraint: 'uq_stored_message_org_dedupe_key' });

    // dedupe_key cannot drift from the Message-ID to dodge the unique index.
    await expect(
      db.dataSource.query(
        `INSERT INTO "stored_message" ("org_id", "dedupe_key", "internet_message_id", "participants", "participant_addresses",
           "received_at", "headers", "body_content_type", "body_content", "size_bytes", "kind")
         VALUES ($1, 'something-else', $2, '{}', '{}', now(), '[]', 'text', '', 1, 'human')`,
        [org.id, input.internetMessageId],
      ),
    ).rejects.toMatchObject({ constraint: 'chk_stored_message_dedupe_key' });

    await expect(
      db.dataSource.query(
        `INSERT INTO "mailbox_message" ("org_id", "mailbox_id", "stored_message_id", "graph_id", "folder", "direction")
         VALUES ($1, $2, $3, $4, 'inbox', 'inbound')`,
        [org.id, mailbox.id, row?.id, input.graphId],
      ),
    ).rejects.toMatchObject({
      constraint: 'uq_mailbox_message_mailbox_graph_id',
    });
  });

  it('lists by prospect, address, kind and date, newest first with a keyset cursor', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const inputs = [1, 2, 3, 4].map((d) =>
      buildStoredMessageInput(org.id, mailbox.id, {
        receivedAt: new Date(`2026-11-0${d}T10:00:00Z`),
        kind: d === 4 ? 'auto-reply' : 'human',
        matchedProspects:
          d % 2 === 0 ? ['even@fabrikam.example'] : ['odd@fabrikam.example'],
      }),
    );
    await repo.upsertMany(inputs);
    const page1 = await repo.list(org.id, {}, { limit: 2 });
    expect(page1.map((m) => m.receivedAt.toISOString().slice(0, 10))).toEqual([
      '2026-11-04',
      '2026-11-03',
    ]);
    const last = page1[1];
    if (!last) throw new Error('unreachable');
    const page2 = await repo.list(
      org.id,
      {},
      { limit: 2, after: { receivedAt: last.receivedAt, id: last.id } },
    );
    expect(page2.map((m) => m.receivedAt.toISOString().slice(0, 10))).toEqual([
      '2026-11-02',
      '2026-11-01',
    ]);
    expect(
      await repo.list(
        org.id,
        { prospect: 'even@fabrikam.example' },
        { limit: 10 },
      ),
    ).toHaveLength(2);
    expect(
      await repo.list(org.id, { kind: 'auto-reply' }, { limit: 10 }),
    ).toHaveLength(1);
    expect(
      await repo.list(
        org.id,
        {
          receivedFrom: new Date('2026-11-02T00:00:00Z'),
          receivedBefore: new Date('2026-11-04T00:00:00Z'),
        },
        { limit: 10 },
      ),
    ).toHaveLength(2);
    expect(
      await repo.list(
        org.id,
        { address: 'pat@fabrikam.example' },
        { limit: 10 },
      ),
    ).toHaveLength(4);
    expect(
      (page1[0] as unknown as Record<string, unknown>)['bodyContent'],
    ).toBeUndefined();
  });

  it('purges every message an address took part in (erasure request)', async () => {
    const org = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    await repo.upsertMany([
      buildStoredMessageInput(org.id, mailbox.id),
      buildStoredMessageInput(org.id, mailbox.id),
    ]);
    expect(await repo.purgeByAddress(org.id, 'PAT@fabrikam.example')).toBe(2);
    expect(await count(db, 'stored_message')).toBe(0);
    expect(await count(db, 'mailbox_message')).toBe(0);
  });

  it('purges a bounce matched to the address although it is no participant', async () => {
    const org = await createOrganization(db.dataSource);
    const other = await createOrganization(db.dataSource);
    const mailbox = await createMailbox(db.dataSource, org.id);
    const otherMailbox = await createMailbox(db.dataSource, other.id);
    const bounce = buildStoredMessageInput(org.id, mailbox.id, {
      kind: 'bounce',
      participants: {
        from: { address: 'mailer-daemon@contoso.example' },
        sender: null,
        to: [{ address: 'rep@contoso.example' }],
        cc: [],
        bcc: [],
        replyTo: [],
      },
      matchedProspects: ['gone@fabrikam.example'],
    });
    await repo.upsertMany([
      bounce,
      buildStoredMessageInput(org.id, mailbox.id),
    ]);
    await repo.upsertMany([
      buildStoredMessageInput(other.id, otherMailbox.id, {
        matchedProspects: ['gone@fabrikam.example'],
      }),
    ]);
    expect(await repo.purgeByAddress(org.id, 'gone@fabrikam.example')).toBe(1);
    // The other message of the org and the other org's message stay.
    expect(await count(db, 'stored_message')).toBe(2);
  });

  it('removeAllForMailbox deletes the messages only that mailbox held', async () => {
    const org = await createOrganization(db.dataSource);
    const a = await createMailbox(db.dataSource, org.id);
    const b = await createMailbox(db.dataSource, org.id);
    const shared = buildStoredMessageInput(org.id, a.id);
    await repo.upsertMany([shared, buildStoredMessageInput(org.id, a.id)]);
    await repo.upsertMany([
      {
        ...buildStoredMessageInput(org.id, b.id),
        internetMessageId: shared.internetMessageId,
      },
    ]);
    expect(await repo.removeAllForMailbox(a.id)).toBe(2);
    expect(await count(db, 'stored_message')).toBe(1);
  });
});
