// Header-based vs standard sync on one seeded tenant, end to end: the built
// worker process, the Graph simulator over HTTPS with the real MSAL and
// Graph SDK, real PostgreSQL and Redis.
import { randomBytes } from 'node:crypto';
import type Bull from 'bull';
import type { MailboxSyncJob } from '@headersync/domain-model';
import type {
  RunningGraphSimulator,
  SimPartialMessage,
} from '@headersync/graph-client/testing';
import { ProspectRepository } from '@headersync/domain-persistence';
import {
  createTenant,
  dumpPostgres,
  dumpRedis,
  requestSync,
  setHeaderBasedSync,
  startSimulator,
  startWorker,
  storedCopies,
  storedMessages,
  syncQueue,
  waitFor,
  waitForSync,
  type TenantFixture,
  type WorkerProcess,
} from './testing/sync-test-harness';

jest.setTimeout(170_000);

const MAILBOXES = 3;
const MESSAGES = 150;

let sim: RunningGraphSimulator;
let prospectEmail: string;
const markers: string[] = [];
const keepMarkers: string[] = [];

function marker(): string {
  const m = `zqmk${randomBytes(6).toString('hex')}`;
  markers.push(m);
  return m;
}

/** Mail that must be ignored, each carrying unique markers in subject, body, headers and addresses. */
function ignoredMail(
  ownerMail: string,
  colleagueMail: string,
): SimPartialMessage[] {
  const a = marker();
  const b = marker();
  const c = marker();
  const d = marker();
  return [
    // A newsletter: RFC 2919 List-Id, RFC 2369 List-Unsubscribe.
    {
      subject: `${a} weekly deals`,
      from: {
        emailAddress: { name: `${a} News`, address: `news-${a}@${a}.example` },
      },
      toRecipients: [{ emailAddress: { address: ownerMail } }],
      body: { contentType: 'html', content: `<p>Offer ${a}</p>` },
      internetMessageHeaders: [
        { name: 'From', value: `${a} News <news-${a}@${a}.example>` },
        { name: 'To', value: ownerMail },
        { name: 'Subject', value: `${a} weekly deals` },
        { name: 'Date', value: new Date().toUTCString() },
        { name: 'Message-ID', value: `<${a}@${a}.example>` },
        { name: 'List-Id', value: `<${a}.lists.example>` },
        { name: 'List-Unsubscribe', value: `<mailto:unsub-${a}@${a}.example>` },
        { name: 'X-Campaign', value: b },
      ],
      internetMessageId: `<${a}@${a}.example>`,
    },
    // A person who is no prospect.
    {
      subject: `Lunch ${c}?`,
      from: {
        emailAddress: {
          name: 'Stranger',
          address: `${c}@unknown-${c}.example`,
        },
      },
      toRecipients: [{ emailAddress: { address: ownerMail } }],
      body: { contentType: 'text', content: `Hi, ${c} here.` },
    },
    // Internal-only mail.
    {
      subject: `Salary review ${d}`,
      from: { emailAddress: { name: 'Colleague', address: colleagueMail } },
      toRecipients: [{ emailAddress: { address: ownerMail } }],
      body: { contentType: 'text', content: `Confidential ${d}` },
    },
  ];
}

function relevantMail(ownerMail: string): SimPartialMessage {
  const k = `zqkeep${randomBytes(6).toString('hex')}`;
  keepMarkers.push(k);
  return {
    subject: `Quote ${k}`,
    from: { emailAddress: { name: 'Prospect', address: prospectEmail } },
    toRecipients: [{ emailAddress: { address: ownerMail } }],
    body: { contentType: 'text', content: `Please send the quote ${k}.` },
  };
}

async function syncOnce(
  tenant: TenantFixture,
): Promise<{ worker: WorkerProcess; queue: Bull.Queue<MailboxSyncJob> }> {
  const queue = syncQueue(tenant);
  const since = new Date();
  const worker = await startWorker(sim, tenant);
  // The worker's boot tick enqueues every mailbox that never synced.
  await waitForSync(tenant, queue, since);
  return { worker, queue };
}

beforeAll(async () => {
  sim = await startSimulator(MAILBOXES, MESSAGES);
  const tenant = (await sim.control.tenant()) as {
    prospects: Array<{ email: string }>;
  };
  prospectEmail = tenant.prospects[0]?.email ?? '';
  const users = sim.credentials.users;
  for (const [i, user] of users.entries()) {
    const colleague = users[(i + 1) % users.length]?.mail ?? user.mail;
    await sim.control.deliver(user.id, {
      messages: [...ignoredMail(user.mail, colleague), relevantMail(user.mail)],
    });
  }
});

afterAll(async () => {
  await sim?.stop();
});

describe('header-based sync against the standard sync', () => {
  let standard: TenantFixture;
  let headerBased: TenantFixture;
  let workers: WorkerProcess[] = [];
  const queues: Bull.Queue<MailboxSyncJob>[] = [];
  let standardBytes = 0;
  let headerBytes = 0;

  beforeAll(async () => {
    standard = await createTenant(sim, { headerBasedSync: false });
    headerBased = await createTenant(sim, { headerBasedSync: true });

    await sim.control.resetAccounting();
    const s = await syncOnce(standard);
    standardBytes = (await sim.control.accounting()).bytes.body;
    await sim.control.resetAccounting();
    const h = await syncOnce(headerBased);
    headerBytes = (await sim.control.accounting()).bytes.body;
    workers = [s.worker, h.worker];
    queues.push(s.queue, h.queue);
  });

  afterAll(async () => {
    for (const w of workers) await w.kill();
    for (const q of queues) await q.close();
    await standard?.drop();
    await headerBased?.drop();
  });

  it('stores exactly the same messages, with the same kinds and matched prospects', async () => {
    const a = await storedMessages(standard);
    const b = await storedMessages(headerBased);
    expect(a.length).toBeGreaterThan(MAILBOXES);
    expect(b).toEqual(a);
    expect(await storedCopies(headerBased)).toEqual(
      await storedCopies(standard),
    );
    // Something was ignored, or the comparison proves nothing.
    const runs = await headerBased.db.dataSource.query<
      { ignored: Record<string, number>; seen: number; stored: number }[]
    >(
      `SELECT "ignored", "seen", "stored" FROM "sync_run" WHERE "status" = 'succeeded'`,
    );
    const ignored = runs.reduce(
      (n, r) => n + Object.values(r.ignored).reduce((x, y) => x + y, 0),
      0,
    );
    expect(ignored).toBeGreaterThan(0);
  });

  it('signs in with a certificate credential as the API stores it', async () => {
    const certified = await createTenant(sim, {
      headerBasedSync: true,
      certificate: true,
    });
    let worker: WorkerProcess | undefined;
    try {
      const run = await syncOnce(certified);
      worker = run.worker;
      queues.push(run.queue);
      expect(await storedCopies(certified)).toEqual(
        await storedCopies(headerBased),
      );
    } finally {
      await worker?.kill();
      await certified.drop();
    }
  });

  it('downloads bodies only for relevant mail', () => {
    expect(headerBytes).toBeGreaterThan(0);
    expect(headerBytes).toBeLessThan(standardBytes * 0.8);
  });

  it('downloads an email that reached two mailboxes once, and records both copies', async () => {
    const [first, second] = sim.credentials.users;
    if (!first || !second) throw new Error('two users needed');
    // Not one of keepMarkers: the standard tenant only syncs it later.
    const shared: SimPartialMessage = {
      subject: 'Quote for both of you',
      from: { emailAddress: { name: 'Prospect', address: prospectEmail } },
      toRecipients: [{ emailAddress: { address: first.mail } }],
      ccRecipients: [{ emailAddress: { address: second.mail } }],
      body: { contentType: 'text', content: 'Please send the quote.' },
      internetMessageId: `<shared.${randomBytes(6).toString('hex')}@prospect.example>`,
    };
    await sim.control.deliver(first.id, { messages: [shared] });
    await sim.control.deliver(second.id, { messages: [shared] });
    const queue = syncQueue(headerBased);
    queues.push(queue);
    const fetchedBy = async (userId: string, since: Date) => {
      const mailboxId = headerBased.mailboxIdByUser.get(userId) as string;
      await requestSync(queue, headerBased, 'manual', [mailboxId]);
      await waitForSync(headerBased, queue, since, 60_000, [mailboxId]);
      const [run] = await headerBased.db.dataSource.query<
        { fetched: number; stored: number }[]
      >(
        `SELECT "fetched", "stored" FROM "sync_run" WHERE "mailbox_id" = $1 AND "started_at" >= $2`,
        [mailboxId, since],
      );
      return run;
    };
    // One after the other: side by side, both could download it at once.
    expect(await fetchedBy(first.id, new Date())).toEqual({
      fetched: 1,
      stored: 1,
    });
    expect(await fetchedBy(second.id, new Date())).toEqual({
      fetched: 0,
      stored: 1,
    });
    const copies = await headerBased.db.dataSource.query<
      { mailbox_id: string; stored_message_id: string }[]
    >(
      `SELECT c."mailbox_id", c."stored_message_id" FROM "mailbox_message" c
       JOIN "stored_message" s ON s."id" = c."stored_message_id" WHERE s."internet_message_id" = $1`,
      [shared.internetMessageId],
    );
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((c) => c.stored_message_id)).size).toBe(1);
  });

  it('leaves no trace of ignored mail in PostgreSQL, Redis or the logs', async () => {
    const logs = workers.flatMap((w) => w.output).join('\n');
    expect(logs).toContain('mailbox-sync-finished');
    for (const tenant of [headerBased, standard]) {
      const dump = await dumpPostgres(tenant);
      const redis = await dumpRedis(tenant.redisPrefix);
      // The dumps are real: relevant mail is in PostgreSQL, the queue in Redis.
      for (const k of keepMarkers) expect(dump).toContain(k);
      expect(redis).toContain('mailbox-schedule');
      for (const m of markers) {
        expect(dump).not.toContain(m);
        expect(redis).not.toContain(m);
        expect(logs).not.toContain(m);
      }
      // Nor the app secrets: encrypted at rest, never logged, never queued.
      for (const secret of [
        sim.credentials.clientSecret,
        sim.credentials.readBasic.clientSecret,
      ]) {
        expect(dump).not.toContain(secret);
        expect(redis).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    }
  });

  it('serves health and Prometheus metrics that carry no message data', async () => {
    const worker = workers[1];
    if (!worker) throw new Error('no header-based worker');
    const base = `http://127.0.0.1:${worker.port}`;
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const series of [
      'headersync_sync_messages_seen_total',
      'headersync_sync_messages_fetched_total',
      'headersync_sync_messages_stored_total',
    ])
      expect(text).toMatch(
        new RegExp(`^${series}\\{[^}]*mode="header-based"[^}]*\\} [1-9]`, 'm'),
      );
    expect(text).toMatch(
      /^headersync_sync_messages_ignored_total\{[^}]*reason="relevance:[^"]+"[^}]*\} [1-9]/m,
    );
    expect(text).toMatch(
      /^headersync_graph_requests_total\{[^}]*purpose="header"[^}]*\} [1-9]/m,
    );
    expect(text).toMatch(
      /^headersync_graph_response_bytes_total\{[^}]*purpose="body"[^}]*\} [1-9]/m,
    );
    expect(text).toMatch(/^headersync_queue_jobs\{/m);
    for (const mailboxId of headerBased.mailboxIds)
      expect(text).toMatch(
        new RegExp(
          `^headersync_mailbox_sync_lag_seconds\\{[^}]*mailbox="${mailboxId}"`,
          'm',
        ),
      );
    for (const m of markers) expect(text).not.toContain(m);
  });

  it('picks up delivered and deleted mail on the next run, without re-downloading stored mail', async () => {
    const user = sim.credentials.users[0];
    if (!user) throw new Error('no user');
    const mailboxId = headerBased.mailboxIdByUser.get(user.id) as string;
    const copies = await headerBased.db.dataSource.query<
      { graph_id: string }[]
    >(
      `SELECT "graph_id" FROM "mailbox_message" WHERE "mailbox_id" = $1 ORDER BY "graph_id" LIMIT 2`,
      [mailboxId],
    );
    const [gone, read] = copies.map((c) => c.graph_id);
    if (!gone || !read) throw new Error('expected stored copies');
    await sim.control.deleteMessage(user.id, gone);
    // An update delta may report only the changed property.
    await sim.control.patchMessage(user.id, read, { isRead: true });
    const delivered = relevantMail(user.mail);
    await sim.control.deliver(user.id, { messages: [delivered] });

    const queue = syncQueue(headerBased);
    queues.push(queue);
    const progress: unknown[] = [];
    queue.on('global:progress', (_jobId: string, p: unknown) => {
      progress.push(p);
    });
    const since = new Date();
    await requestSync(queue, headerBased);
    await waitForSync(headerBased, queue, since);

    // The admin's progress: counts only (it lives in Redis), growing per page.
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress)
      expect(
        Object.entries(p as object).every(
          ([k, v]) => typeof v === 'number' && /^[a-zA-Z]+$/.test(k),
        ),
      ).toBe(true);
    expect(progress).toContainEqual(
      expect.objectContaining({ folders: 2, foldersDone: 2 }),
    );
    expect(
      Math.max(...progress.map((p) => (p as { seen: number }).seen)),
    ).toBeGreaterThanOrEqual(1);

    const after = await headerBased.db.dataSource.query<
      { graph_id: string; subject: string }[]
    >(
      `SELECT c."graph_id", s."subject" FROM "mailbox_message" c JOIN "stored_message" s ON s."id" = c."stored_message_id"
       WHERE c."mailbox_id" = $1`,
      [mailboxId],
    );
    expect(after.map((r) => r.graph_id)).not.toContain(gone);
    expect(after.map((r) => r.graph_id)).toContain(read);
    expect(after.map((r) => r.subject)).toContain(delivered.subject);
    const [run] = await headerBased.db.dataSource.query<
      { fetched: number; removed: number; updated: number }[]
    >(
      `SELECT "fetched", "removed", "updated" FROM "sync_run" WHERE "mailbox_id" = $1 AND "started_at" >= $2`,
      [mailboxId, since],
    );
    expect(run).toMatchObject({ fetched: 1, removed: 1 });
    expect(run?.updated).toBeGreaterThanOrEqual(1);
  });
  it('switches mode on the next run, keeping what is stored', async () => {
    // The standard tenant turns header-based; its next run continues from
    // its delta links and catches up with the same changes in the new mode.
    await setHeaderBasedSync(standard, true);
    const queue = syncQueue(standard);
    queues.push(queue);
    const since = new Date();
    await requestSync(queue, standard);
    await waitForSync(standard, queue, since);
    const modes = await standard.db.dataSource.query<{ mode: string }[]>(
      `SELECT DISTINCT "mode" FROM "sync_run" WHERE "started_at" >= $1`,
      [since],
    );
    expect(modes).toEqual([{ mode: 'header-based' }]);
    expect(await storedCopies(standard)).toEqual(
      await storedCopies(headerBased),
    );
  });

  it('asks for the headers with a body-less batch when delta leaves them out', async () => {
    // Whether delta returns internetMessageHeaders is uncertain
    // (graph-facts): the classifier answers needs-headers, the worker
    // fetches $select=internetMessageHeaders and decides the same.
    await sim.control.setConfig({ deltaReturnsHeaders: false });
    const withheld = await createTenant(sim, { headerBasedSync: true });
    let worker: WorkerProcess | undefined;
    try {
      await sim.control.resetAccounting();
      const run = await syncOnce(withheld);
      worker = run.worker;
      queues.push(run.queue);
      const accounting = await sim.control.accounting();
      expect(await storedCopies(withheld)).toEqual(
        await storedCopies(headerBased),
      );
      expect(await storedMessages(withheld)).toEqual(
        await storedMessages(headerBased),
      );
      expect(accounting.bytes.body).toBeLessThan(standardBytes * 0.8);
      // Per-message GETs beyond the full downloads: the header-only ones.
      const [{ fetched } = { fetched: 0 }] = await withheld.db.dataSource.query<
        { fetched: number }[]
      >(`SELECT sum("fetched")::int AS "fetched" FROM "sync_run"`);
      expect(accounting.requests.byEndpoint['messages/{id}']).toBeGreaterThan(
        fetched,
      );
    } finally {
      await sim.control.setConfig({ deltaReturnsHeaders: true });
      await worker?.kill();
      await withheld.drop();
    }
  });

  it('rescans the backfill window so that a prospect added since is picked up', async () => {
    const user = sim.credentials.users[0];
    if (!user) throw new Error('no user');
    const mailboxId = headerBased.mailboxIdByUser.get(user.id) as string;
    const newcomer = `newcomer-${randomBytes(4).toString('hex')}@newco-${randomBytes(4).toString('hex')}.example`;
    const subject = `Intro ${randomBytes(4).toString('hex')}`;
    await sim.control.deliver(user.id, {
      messages: [
        {
          subject,
          from: { emailAddress: { name: 'Newcomer', address: newcomer } },
          toRecipients: [{ emailAddress: { address: user.mail } }],
          body: { contentType: 'text', content: 'Hello there.' },
        },
      ],
    });
    const queue = syncQueue(headerBased);
    queues.push(queue);
    const subjects = async () =>
      (
        await headerBased.db.dataSource.query<{ subject: string }[]>(
          `SELECT s."subject" FROM "mailbox_message" c JOIN "stored_message" s ON s."id" = c."stored_message_id"
           WHERE c."mailbox_id" = $1`,
          [mailboxId],
        )
      ).map((r) => r.subject);

    let since = new Date();
    await requestSync(queue, headerBased, 'manual', [mailboxId]);
    await waitForSync(headerBased, queue, since, 60_000, [mailboxId]);
    expect(await subjects()).not.toContain(subject);
    const before = (await subjects()).length;

    await new ProspectRepository(headerBased.db.dataSource).upsertMany(
      headerBased.orgId,
      [{ email: newcomer }],
    );
    since = new Date();
    await requestSync(queue, headerBased, 'rescan', [mailboxId]);
    await waitForSync(headerBased, queue, since, 60_000, [mailboxId]);
    expect(await subjects()).toContain(subject);
    expect(await subjects()).toHaveLength(before + 1);
    const [run] = await headerBased.db.dataSource.query<
      { trigger: string; fetched: number; stored: number }[]
    >(
      `SELECT "trigger", "fetched", "stored" FROM "sync_run" WHERE "mailbox_id" = $1 AND "started_at" >= $2`,
      [mailboxId, since],
    );
    // The whole window re-read as headers; one body downloaded.
    expect(run).toEqual({ trigger: 'rescan', fetched: 1, stored: 1 });
  });

  it('fails a job whose payload no attempt could process at once, without retries', async () => {
    const queue = syncQueue(headerBased);
    queues.push(queue);
    const job = await queue.add(
      { orgId: 'not-a-uuid' } as unknown as MailboxSyncJob,
      {
        jobId: 'invalid-payload',
        attempts: 6,
        backoff: { type: 'fixed', delay: 10 },
        removeOnFail: false,
      },
    );
    const failed = await waitFor(
      'the invalid job to fail',
      async () => {
        // The state first, then the hash: a hash read before the failure
        // would not hold the attempt and its reason yet.
        if ((await job.getState()) !== 'failed') return undefined;
        return (await queue.getJob(job.id)) ?? undefined;
      },
      30_000,
      50,
    );
    expect({
      attemptsMade: failed.attemptsMade,
      failedReason: failed.failedReason,
    }).toEqual({
      attemptsMade: 1,
      failedReason: 'mailbox-sync job payload: orgId is missing or invalid',
    });
    await failed.remove();
  });
});
