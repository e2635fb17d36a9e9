import request from 'supertest';
import { StoredMessageRepository } from '@headersync/domain-persistence';
import { buildStoredMessageInput } from '@headersync/domain-persistence/testing';
import {
  startApiHarness,
  type ApiHarness,
  type TestOrg,
} from '../prospects/testing/api-harness.util';

interface Summary {
  id: string;
  kind: string;
  receivedAt: string;
}

describe('stored messages API (e2e, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let org: TestOrg;
  let other: TestOrg;
  let repo: StoredMessageRepository;
  let otherMessageId: string;

  beforeAll(async () => {
    api = await startApiHarness();
    org = await api.createOrg();
    other = await api.createOrg();
    repo = new StoredMessageRepository(api.database.dataSource);
  });

  afterAll(async () => {
    await api?.close();
  });

  async function storedIds(orgId: string): Promise<string[]> {
    const rows = await api.database.dataSource.query<{ id: string }[]>(
      'SELECT "id" FROM "stored_message" WHERE "org_id" = $1 ORDER BY "id"',
      [orgId],
    );
    return rows.map((r) => r.id);
  }

  async function list(
    caller: TestOrg['admin'],
    query: Record<string, string | number>,
  ): Promise<{ items: Summary[]; nextCursor: string | null }> {
    const response = await request(api.server)
      .get('/api/v1/messages')
      .query(query)
      .set(caller.headers)
      .expect(200);
    return response.body as { items: Summary[]; nextCursor: string | null };
  }

  beforeAll(async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 9));
    // Member's mailbox: 6 human mails on Nov 1..6, from pat (a prospect).
    await repo.upsertMany(
      Array.from({ length: 6 }, (_, i) =>
        buildStoredMessageInput(org.orgId, org.memberMailbox.id, {
          receivedAt: at(i + 1),
          sentAt: at(i + 1),
        }),
      ),
    );
    // The other mailbox: an auto-reply and a bounce about gone@.
    await repo.upsertMany([
      buildStoredMessageInput(org.orgId, org.otherMailbox.id, {
        kind: 'auto-reply',
        receivedAt: at(10),
        rules: ['auto-reply/auto-submitted'],
      }),
      buildStoredMessageInput(org.orgId, org.otherMailbox.id, {
        kind: 'bounce',
        receivedAt: at(11),
        participants: {
          from: { address: 'mailer-daemon@contoso.example' },
          sender: null,
          to: [{ address: 'rep@contoso.example' }],
          cc: [],
          bcc: [],
          replyTo: [],
        },
        matchedProspects: ['gone@fabrikam.example'],
        bodyContent: 'Delivery has failed to gone@fabrikam.example',
      }),
    ]);
    await repo.upsertMany([
      buildStoredMessageInput(other.orgId, other.otherMailbox.id, {
        receivedAt: at(12),
      }),
    ]);
    const [theirs] = await storedIds(other.orgId);
    if (!theirs) throw new Error('seed failed');
    otherMessageId = theirs;
  });

  it('refuses callers without a session or token (401)', async () => {
    await request(api.server).get('/api/v1/messages').expect(401);
    await request(api.server)
      .get(`/api/v1/messages/${otherMessageId}`)
      .expect(401);
    await request(api.server)
      .post('/api/v1/messages/purge')
      .send({ address: 'pat@fabrikam.example' })
      .expect(401);
  });

  it('lists newest first with keyset pagination and filters', async () => {
    const page1 = await list(org.admin, { limit: 3 });
    expect(page1.items.map((m) => m.kind)).toEqual([
      'bounce',
      'auto-reply',
      'human',
    ]);
    const page2 = await list(org.admin, {
      limit: 3,
      cursor: page1.nextCursor ?? '',
    });
    const page3 = await list(org.admin, {
      limit: 3,
      cursor: page2.nextCursor ?? '',
    });
    expect(page3.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items, ...page3.items];
    expect(all).toHaveLength(8);
    expect(new Set(all.map((m) => m.id)).size).toBe(8);

    expect((await list(org.admin, { kind: 'bounce' })).items).toHaveLength(1);
    expect(
      (await list(org.admin, { prospect: 'GONE@fabrikam.example' })).items,
    ).toHaveLength(1);
    expect(
      (await list(org.admin, { address: 'pat@fabrikam.example' })).items,
    ).toHaveLength(7);
    expect(
      (await list(org.admin, { mailboxId: org.otherMailbox.id })).items,
    ).toHaveLength(2);
    const range = await list(org.admin, {
      from: '2026-11-02T00:00:00Z',
      to: '2026-11-04T00:00:00Z',
    });
    expect(range.items.map((m) => m.receivedAt)).toEqual([
      '2026-11-03T09:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
    ]);
    // No body in lists.
    expect(page1.items[0]).not.toHaveProperty('body');
  });

  it('shows a member only their own mailbox’s messages', async () => {
    const mine = await list(org.member, {});
    expect(mine.items).toHaveLength(6);
    expect(mine.items.every((m) => m.kind === 'human')).toBe(true);
    await request(api.server)
      .get('/api/v1/messages')
      .query({ mailboxId: org.otherMailbox.id })
      .set(org.member.headers)
      .expect(404);
    const [bounce] = (await list(org.admin, { kind: 'bounce' })).items;
    await request(api.server)
      .get(`/api/v1/messages/${bounce?.id ?? ''}`)
      .set(org.member.headers)
      .expect(404);
    const one = await request(api.server)
      .get(`/api/v1/messages/${mine.items[0]?.id ?? ''}`)
      .set(org.member.headers)
      .expect(200);
    expect(one.body.copies).toEqual([
      expect.objectContaining({ mailboxId: org.memberMailbox.id }),
    ]);
  });

  it('refuses members deleting or purging (403), and changes nothing', async () => {
    const before = await storedIds(org.orgId);
    await request(api.server)
      .delete(`/api/v1/messages/${before[0] ?? ''}`)
      .set(org.member.headers)
      .expect(403);
    await request(api.server)
      .post('/api/v1/messages/purge')
      .set(org.member.headers)
      .send({ address: 'pat@fabrikam.example' })
      .expect(403);
    expect(await storedIds(org.orgId)).toEqual(before);
  });

  it('reads one message with its body and headers', async () => {
    const [bounce] = (await list(org.admin, { kind: 'bounce' })).items;
    const response = await request(api.server)
      .get(`/api/v1/messages/${bounce?.id ?? ''}`)
      .set(org.admin.headers)
      .expect(200);
    expect(response.body).toMatchObject({
      kind: 'bounce',
      matchedProspects: ['gone@fabrikam.example'],
      body: {
        contentType: 'text',
        content: 'Delivery has failed to gone@fabrikam.example',
      },
      headers: [expect.objectContaining({ name: 'Message-ID' })],
      copies: [expect.objectContaining({ mailboxId: org.otherMailbox.id })],
    });
  });

  it('answers 404 for another org’s message and mailbox ids', async () => {
    await request(api.server)
      .get(`/api/v1/messages/${otherMessageId}`)
      .set(org.admin.headers)
      .expect(404);
    await request(api.server)
      .delete(`/api/v1/messages/${otherMessageId}`)
      .set(org.admin.headers)
      .expect(404);
    await request(api.server)
      .get('/api/v1/messages')
      .query({ mailboxId: other.otherMailbox.id })
      .set(org.admin.headers)
      .expect(404);
    expect(await storedIds(other.orgId)).toEqual([otherMessageId]);
  });

  it('answers 400 naming the field, SQL included', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ kind: 'newsletter' }, 'kind'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-11-05T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
      [{ mailboxId: "1' OR '1'='1" }, 'mailboxId'],
      [{ prospect: "x' OR 1=1 --" }, 'prospect'],
      [{ address: "a@b.example'; DELETE FROM stored_message; --" }, 'address'],
      [{ cursor: 'garbage' }, 'cursor'],
      [
        {
          cursor: Buffer.from(
            JSON.stringify(['2026-11-01T00:00:00Z', "x') OR 1=1 --"]),
          ).toString('base64url'),
        },
        'cursor',
      ],
    ];
    for (const [query, field] of cases) {
      const response = await request(api.server)
        .get('/api/v1/messages')
        .query(query)
        .set(org.admin.headers);
      expect([field, response.status]).toEqual([field, 400]);
      expect(response.headers['content-type']).toMatch(
        /^application\/problem\+json/,
      );
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
      ).toContain(field);
    }
    const purge = await request(api.server)
      .post('/api/v1/messages/purge')
      .set(org.admin.headers)
      .send({ address: "' OR 1=1 --" })
      .expect(400);
    expect(purge.body.errors[0].field).toBe('address');
    expect(await storedIds(org.orgId)).toHaveLength(8);
  });

  it('deletes a message (204, audited) and then answers 404', async () => {
    const [autoReply] = (await list(org.admin, { kind: 'auto-reply' })).items;
    const id = autoReply?.id ?? '';
    await request(api.server)
      .delete(`/api/v1/messages/${id}`)
      .set(org.admin.headers)
      .expect(204);
    await request(api.server)
      .get(`/api/v1/messages/${id}`)
      .set(org.admin.headers)
      .expect(404);
    const audit = await api.database.dataSource.query<{ entity_id: string }[]>(
      `SELECT "entity_id" FROM "audit_event" WHERE "org_id" = $1 AND "action" = 'stored-message.delete'`,
      [org.orgId],
    );
    expect(audit).toEqual([{ entity_id: id }]);
  });

  it('purges by address for an erasure request, audited without the address', async () => {
    await request(api.server)
      .post('/api/v1/prospects')
      .set(org.admin.headers)
      .send({ email: 'gone@fabrikam.example' })
      .expect(201);
    const response = await request(api.server)
      .post('/api/v1/messages/purge')
      .set(org.admin.headers)
      .send({ address: 'Gone@Fabrikam.example' })
      .expect(200);
    expect(response.body).toEqual({
      messagesDeleted: 1,
      prospectDeleted: true,
    });
    expect((await list(org.admin, { kind: 'bounce' })).items).toEqual([]);
    const audit = await api.database.dataSource.query<
      { after: unknown; before: unknown }[]
    >(
      `SELECT "before", "after" FROM "audit_event" WHERE "org_id" = $1 AND "action" = 'stored-message.purge'`,
      [org.orgId],
    );
    expect(audit).toEqual([
      { before: null, after: { messagesDeleted: 1, prospectDeleted: true } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('gone@');
    // The member's six messages and the other org's are untouched.
    expect(await storedIds(org.orgId)).toHaveLength(6);
    expect(await storedIds(other.orgId)).toEqual([otherMessageId]);
  });
});
