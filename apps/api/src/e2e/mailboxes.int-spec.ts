import Bull from 'bull';
import request from 'supertest';
import { mailboxSyncJobId, QUEUE_NAMES } from '@headersync/domain-model';
import { StoredMessageRepository } from '@headersync/domain-persistence';
import { buildStoredMessageInput } from '@headersync/domain-persistence/testing';
import {
  signIn,
  startE2eApi,
  type E2eApi,
  type E2eOrg,
  type E2eUser,
} from '../testing/e2e-app.util';

const MAILBOXES = '/api/v1/mailboxes';

interface MailboxBody {
  id: string;
  userPrincipalName: string;
  status: string;
  storedMessages: number;
  job: { state: string; progress?: unknown } | null;
}

describe('mailboxes', () => {
  let api: E2eApi;
  let org: E2eOrg;
  let otherOrg: E2eOrg;
  let rep: E2eUser;

  beforeAll(async () => {
    api = await startE2eApi();
    org = await api.createOrg();
    otherOrg = await api.createOrg();
    rep = await api.createUser(org.id, 'member', 'rep@contoso.example');
  });
  afterAll(() => api?.close());

  async function add(upn: string, caller = org.admin): Promise<MailboxBody> {
    const response = await request(api.server)
      .post(MAILBOXES)
      .set(caller.bearer)
      .send({ userPrincipalName: upn })
      .expect(201);
    return response.body as MailboxBody;
  }

  it('adds mailboxes (queued for their first sync) and lists them a page at a time', async () => {
    const first = await add('Rep@Contoso.example');
    expect(first).toMatchObject({
      userPrincipalName: 'rep@contoso.example',
      status: 'active',
      storedMessages: 0,
      job: { state: 'waiting' },
    });
    for (const name of ['a', 'b', 'c']) await add(`${name}@contoso.example`);
    const page1 = await request(api.server)
      .get(`${MAILBOXES}?limit=3`)
      .set(org.admin.bearer)
      .expect(200);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await request(api.server)
      .get(`${MAILBOXES}?limit=3&cursor=${page1.body.nextCursor}`)
      .set(org.admin.bearer)
      .expect(200);
    expect(page2.body).toMatchObject({ nextCursor: null });
    expect(
      [...page1.body.items, ...page2.body.items].map(
        (m: MailboxBody) => m.userPrincipalName,
      ),
    ).toEqual([
      'a@contoso.example',
      'b@contoso.example',
      'c@contoso.example',
      'rep@contoso.example',
    ]);
    const bad = await request(api.server)
      .get(`${MAILBOXES}?cursor=not-ours`)
      .set(org.admin.bearer)
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'cursor', message: 'is not a valid cursor' },
    ]);
  });

  it('shows a member only their own mailbox', async () => {
    const mine = await request(api.server)
      .get(MAILBOXES)
      .set(rep.bearer)
      .expect(200);
    expect(
      mine.body.items.map((m: MailboxBody) => m.userPrincipalName),
    ).toEqual(['rep@contoso.example']);
    const none = await request(api.server)
      .get(MAILBOXES)
      .set(org.member.bearer)
      .expect(200);
    expect(none.body.items).toEqual([]);
    const someoneElse = (
      await request(api.server).get(MAILBOXES).set(org.admin.bearer)
    ).body.items[0] as MailboxBody;
    await request(api.server)
      .get(`${MAILBOXES}/${someoneElse.id}`)
      .set(rep.bearer)
      .expect(404);
  });

  it('refuses members (403), strangers (401), bad input (400) and duplicates (409)', async () => {
    await request(api.server).get(MAILBOXES).expect(401);
    await request(api.server)
      .post(MAILBOXES)
      .set(rep.bearer)
      .send({ userPrincipalName: 'x@contoso.example' })
      .expect(403);
    const bad = await request(api.server)
      .post(MAILBOXES)
      .set(org.admin.bearer)
      .send({ userPrincipalName: 'not an address' })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('userPrincipalName');
    await request(api.server)
      .post(MAILBOXES)
      .set(org.admin.bearer)
      .send({ userPrincipalName: 'a@contoso.example' })
      .expect(409);
    const id = await request(api.server)
      .get(`${MAILBOXES}/not-a-uuid`)
      .set(org.admin.bearer)
      .expect(400);
    expect(id.body.detail).toMatch(/uuid/);
  });

  it("answers 404 for another org's mailbox, whatever the action", async () => {
    const theirs = await add('theirs@fabrikam.example', otherOrg.admin);
    for (const [method, path] of [
      ['get', ''],
      ['post', '/pause'],
      ['post', '/resume'],
      ['post', '/sync'],
      ['post', '/rescan'],
      ['delete', ''],
    ] as const) {
      await request(api.server)
        [method](`${MAILBOXES}/${theirs.id}${path}`)
        .set(org.admin.bearer)
        .expect(404);
    }
    const still = await request(api.server)
      .get(`${MAILBOXES}/${theirs.id}`)
      .set(otherOrg.admin.bearer)
      .expect(200);
    expect(still.body.status).toBe('active');
  });

  it('pauses, refuses a sync while paused, resumes, and syncs once however often it is clicked', async () => {
    const mailbox = await add('pause@contoso.example');
    const session = await signIn(api.server, org.admin);
    const paused = await request(api.server)
      .post(`${MAILBOXES}/${mailbox.id}/pause`)
      .set(session.unsafe)
      .expect(200);
    expect(paused.body).toMatchObject({
      status: 'paused',
      statusReason: 'Paused by an admin',
      job: null,
    });
    await request(api.server)
      .post(`${MAILBOXES}/${mailbox.id}/sync`)
      .set(session.unsafe)
      .expect(409);
    const resumed = await request(api.server)
      .post(`${MAILBOXES}/${mailbox.id}/resume`)
      .set(session.unsafe)
      .expect(200);
    expect(resumed.body).toMatchObject({
      status: 'active',
      job: { state: 'waiting' },
    });
    const again = await request(api.server)
      .post(`${MAILBOXES}/${mailbox.id}/sync`)
      .set(session.unsafe)
      .expect(202);
    expect(again.body).toMatchObject({
      alreadyQueued: true,
      mailboxId: mailbox.id,
    });
    const rescan = await request(api.server)
      .post(`${MAILBOXES}/${mailbox.id}/rescan`)
      .set(session.unsafe)
      .expect(202);
    expect(rescan.body.mailboxId).toBe(mailbox.id);
    const audit = await request(api.server)
      .get('/api/v1/audit-events?limit=3')
      .set(org.admin.bearer);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'mailbox.rescan',
      'mailbox.resume',
      'mailbox.pause',
    ]);
  });

  it('removes a mailbox and deletes its stored messages', async () => {
    const mailbox = await add('leaver@contoso.example');
    const kept = await add('stayer@contoso.example');
    const messages = new StoredMessageRepository(api.database.dataSource);
    await messages.upsertMany([
      buildStoredMessageInput(org.id, mailbox.id),
      buildStoredMessageInput(org.id, mailbox.id),
      buildStoredMessageInput(org.id, kept.id),
    ]);
    const before = await request(api.server)
      .get(`${MAILBOXES}/${mailbox.id}`)
      .set(org.admin.bearer);
    expect(before.body.storedMessages).toBe(2);
    await request(api.server)
      .delete(`${MAILBOXES}/${mailbox.id}`)
      .set(rep.bearer)
      .expect(403);
    await request(api.server)
      .delete(`${MAILBOXES}/${mailbox.id}`)
      .set(org.admin.bearer)
      .expect(204);
    await request(api.server)
      .get(`${MAILBOXES}/${mailbox.id}`)
      .set(org.admin.bearer)
      .expect(404);
    const counts = await api.database.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM stored_message s
       WHERE NOT EXISTS (SELECT 1 FROM mailbox_message c WHERE c.stored_message_id = s.id)`,
    );
    expect(Number(counts[0]?.n)).toBe(0);
    const stayer = await request(api.server)
      .get(`${MAILBOXES}/${kept.id}`)
      .set(org.admin.bearer);
    expect(stayer.body.storedMessages).toBe(1);
  });
});

describe('mailbox sync jobs in the list', () => {
  let api: E2eApi;
  let queue: Bull.Queue;

  beforeAll(async () => {
    api = await startE2eApi();
    queue = new Bull(QUEUE_NAMES.mailboxSync, api.config.redisUrl, {
      prefix: api.config.redisPrefix,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await api?.close();
  });

  it('shows each mailbox’s job state and the worker’s progress, read in one go', async () => {
    const org = await api.createOrg();
    const add = async (upn: string) =>
      (
        await request(api.server)
          .post(MAILBOXES)
          .set(org.admin.bearer)
          .send({ userPrincipalName: upn })
          .expect(201)
      ).body as MailboxBody;
    const running = await add('running@contoso.example');
    // As a worker takes the job and reports (apps/sync-worker's progress).
    const job = await queue.getNextJob();
    expect(job?.id).toBe(mailboxSyncJobId(running.id));
    const progress = {
      folders: 2,
      foldersDone: 1,
      seen: 400,
      fetched: 12,
      stored: 10,
      removed: 0,
    };
    await job?.progress(progress);
    const queued = await add('queued@contoso.example');
    const list = await request(api.server)
      .get(MAILBOXES)
      .set(org.admin.bearer)
      .expect(200);
    const byId = new Map(
      (list.body.items as MailboxBody[]).map((m) => [m.id, m.job]),
    );
    expect(byId.get(running.id)).toEqual({ state: 'active', progress });
    expect(byId.get(queued.id)).toEqual({ state: 'waiting', progress: 0 });
    await job?.discard();
    await job?.moveToFailed({ message: 'test over' }, true);
  });
});
