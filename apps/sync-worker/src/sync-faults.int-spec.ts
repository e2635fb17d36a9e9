// The built worker against a misbehaving Graph: a 429 storm (a tiny request
// budget plus random 429s), 5xx bursts, malformed and truncated JSON,
// connection resets, short-lived and revoked tokens, one mailbox deleted in
// the middle of its run, then an invalidated delta token (410). The run
// finishes, the deleted mailbox says why it stopped, every other mailbox
// ends with exactly what a clean run stores.
import type Bull from 'bull';
import type { MailboxSyncJob } from '@headersync/domain-model';
import {
  RETRY_AFTER_HONOURED,
  retryAfterReport,
  type RunningGraphSimulator,
  type SimAccounting,
} from '@headersync/graph-client/testing';
import { MAILBOX_ERROR_REASONS } from './sync/sync-failure.util';
import {
  committedSeen,
  createTenant,
  requestSync,
  startSimulator,
  startWorker,
  storedCopies,
  syncQueue,
  waitFor,
  waitForSync,
  type TenantFixture,
  type WorkerProcess,
} from './testing/sync-test-harness';

jest.setTimeout(240_000);

const MAILBOXES = 4;
const MESSAGES = 120;
const WORKER_ENV = { SYNC_PAGE_SIZE: '20' };

let sim: RunningGraphSimulator;
let reference: TenantFixture;
let faulty: TenantFixture;
const workers: WorkerProcess[] = [];
const queues: Bull.Queue<MailboxSyncJob>[] = [];

function upnOf(index: number): string {
  const user = sim.credentials.users[index];
  if (!user) throw new Error(`no simulator user ${index}`);
  return user.userPrincipalName.toLowerCase();
}

/** Copies of the mailboxes that stay healthy (all but the last). */
async function healthyCopies(t: TenantFixture): Promise<string[]> {
  const victim = upnOf(MAILBOXES - 1);
  return (await storedCopies(t)).filter((c) => !c.startsWith(`${victim}|`));
}

async function syncWith(
  t: TenantFixture,
  during?: () => Promise<void>,
): Promise<void> {
  const q = syncQueue(t);
  queues.push(q);
  const since = new Date();
  const w = await startWorker(sim, t, WORKER_ENV);
  workers.push(w);
  await during?.();
  await waitForSync(t, q, since, 200_000);
}

beforeAll(async () => {
  sim = await startSimulator(MAILBOXES, MESSAGES, 11);
  reference = await createTenant(sim, { headerBasedSync: true });
  await syncWith(reference);
  faulty = await createTenant(sim, { headerBasedSync: true });
});

afterAll(async () => {
  for (const w of workers) await w.kill();
  for (const q of queues) await q.close();
  await reference?.drop();
  await faulty?.drop();
  await sim?.stop();
});

describe('a first sync through a faulty Graph', () => {
  let accounting: SimAccounting;
  let victimId: string;

  beforeAll(async () => {
    const victim = sim.credentials.users[MAILBOXES - 1];
    if (!victim) throw new Error('no victim user');
    victimId = faulty.mailboxIdByUser.get(victim.id) as string;
    await sim.control.resetAccounting();
    // Graph's budget shrunk to 40 requests per 3 s per app and mailbox, so
    // the throttle itself answers 429 with Retry-After; tokens live 3 s.
    await sim.control.setConfig({
      throttle: { limit: 40, windowMs: 3_000 },
      tokenLifetimeSeconds: 3,
      // Requests already on the wire when a 429 reached the worker arrive a
      // little later; on two busy cores that can be a few hundred ms.
      retryAfterGraceMs: 500,
    });
    await sim.control.setFaults({
      rates: {
        '429': 0.05,
        '500': 0.03,
        '503': 0.03,
        '504': 0.02,
        malformedJson: 0.03,
        truncatedJson: 0.02,
        connectionReset: 0.02,
      },
      retryAfterSeconds: 2,
    });
    await syncWith(faulty, async () => {
      // The victim is deleted once its first page is committed; every
      // token issued so far is revoked at the same moment.
      await waitFor(
        'the victim mailbox to commit a page',
        async () =>
          (await committedSeen(faulty, victimId)) > 0 ? true : undefined,
        120_000,
        20,
      );
      await sim.control.deleteUser(victim.id);
      await sim.control.revokeTokens();
    });
    accounting = await sim.control.accounting();
    await sim.control.clearFaults();
    await sim.control.setConfig({
      throttle: { limit: 10_000, windowMs: 600_000 },
      tokenLifetimeSeconds: 3599,
      retryAfterGraceMs: 100,
    });
  });

  it('met every fault it was meant to meet', () => {
    expect(accounting.throttled).toBeGreaterThan(0);
    const status = (accounting['status'] ?? {}) as Record<string, number>;
    expect((status['500'] ?? 0) + (status['503'] ?? 0)).toBeGreaterThan(0);
    expect((accounting['tokens'] as { issued: number }).issued).toBeGreaterThan(
      MAILBOXES,
    );
  });

  it('honoured every Retry-After and kept each mailbox at 4 concurrent requests', () => {
    expect(retryAfterReport(accounting)).toEqual(RETRY_AFTER_HONOURED);
    expect(
      Math.max(...Object.values(accounting.maxConcurrencyByMailbox)),
    ).toBeLessThanOrEqual(4);
  });

  it('marks the deleted mailbox with a reason a person can act on, and stops retrying it', async () => {
    const [row] = await faulty.db.dataSource.query<
      { status: string; status_reason: string }[]
    >(`SELECT "status", "status_reason" FROM "mailbox" WHERE "id" = $1`, [
      victimId,
    ]);
    expect(row).toEqual({
      status: 'error',
      status_reason: MAILBOX_ERROR_REASONS.mailboxUnavailable,
    });
    // The folder it was in says so too, without any address in the text.
    const folders = await faulty.db.dataSource.query<
      { status: string; last_error: string | null }[]
    >(
      `SELECT "status", "last_error" FROM "mailbox_folder_state" WHERE "mailbox_id" = $1`,
      [victimId],
    );
    const failed = folders.filter((f) => f.status === 'error');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.last_error).toBeTruthy();
      expect(f.last_error).not.toMatch(/@/);
    }
    const q = syncQueue(faulty);
    queues.push(q);
    expect(await q.getJob(`mailbox-sync:${victimId}`)).toBeNull();
  });

  it('completes every other mailbox with exactly what a clean run stores', async () => {
    const expected = await healthyCopies(reference);
    expect(expected.length).toBeGreaterThan(MAILBOXES * 3);
    expect(await healthyCopies(faulty)).toEqual(expected);
  });

  it('restarts an invalidated delta (410) without duplicating, and catches up with new and deleted mail', async () => {
    const user = sim.credentials.users[0];
    const prospect = (
      (await sim.control.tenant()) as { prospects: Array<{ email: string }> }
    ).prospects[0]?.email;
    if (!user || !prospect) throw new Error('no user or prospect');
    const mailboxId = faulty.mailboxIdByUser.get(user.id) as string;
    const [gone] = await faulty.db.dataSource.query<{ graph_id: string }[]>(
      `SELECT "graph_id" FROM "mailbox_message" WHERE "mailbox_id" = $1 ORDER BY "graph_id" LIMIT 1`,
      [mailboxId],
    );
    if (!gone) throw new Error('expected a stored copy');
    // The deletion happens while the delta token is dead: no @removed will
    // ever report it; the fresh round must notice it is no longer listed.
    await sim.control.invalidateDelta(user.id);
    await sim.control.deleteMessage(user.id, gone.graph_id);
    const subject = `Quote request ${Date.now()}`;
    await sim.control.deliver(user.id, {
      messages: [
        {
          subject,
          from: { emailAddress: { name: 'Prospect', address: prospect } },
          toRecipients: [{ emailAddress: { address: user.mail } }],
          body: { contentType: 'text', content: 'Please send the quote.' },
        },
      ],
    });
    const before = await healthyCopies(faulty);

    const q = syncQueue(faulty);
    queues.push(q);
    const since = new Date();
    await requestSync(
      q,
      faulty,
      'manual',
      faulty.mailboxIds.filter((id) => id !== victimId),
    );
    await waitForSync(faulty, q, since);

    const after = await healthyCopies(faulty);
    expect(new Set(after).size).toBe(after.length);
    const subjects = await faulty.db.dataSource.query<{ subject: string }[]>(
      `SELECT s."subject" FROM "mailbox_message" c JOIN "stored_message" s ON s."id" = c."stored_message_id"
       WHERE c."mailbox_id" = $1`,
      [mailboxId],
    );
    expect(subjects.map((r) => r.subject)).toContain(subject);
    const graphIds = await faulty.db.dataSource.query<{ graph_id: string }[]>(
      `SELECT "graph_id" FROM "mailbox_message" WHERE "mailbox_id" = $1`,
      [mailboxId],
    );
    expect(graphIds.map((r) => r.graph_id)).not.toContain(gone.graph_id);
    // One copy fewer (deleted), one more (delivered): nothing re-stored twice.
    expect(after).toHaveLength(before.length);
    const logs = workers.flatMap((w) => w.output).join('\n');
    expect(logs).toContain('"event":"delta-reset"');
    expect(logs).toContain('"event":"stale-copies-removed"');
  });
  it('stops every mailbox with the consent reason once admin consent is revoked', async () => {
    // The header pass signs in as the Mail.ReadBasic.All app: Graph answers
    // 403 for it from the moment consent is gone, cached token or not.
    await sim.control.revokeConsent(sim.credentials.readBasic.clientId);
    const healthy = faulty.mailboxIds.filter((id) => id !== victimId);
    const q = syncQueue(faulty);
    queues.push(q);
    const since = new Date();
    await requestSync(q, faulty, 'manual', healthy);
    const rows = await waitForSync(faulty, q, since, 60_000, healthy);
    for (const row of rows)
      expect(row).toMatchObject({
        status: 'error',
        status_reason: MAILBOX_ERROR_REASONS.accessDenied,
      });
    const [victim] = await faulty.db.dataSource.query<
      { status_reason: string }[]
    >(`SELECT "status_reason" FROM "mailbox" WHERE "id" = $1`, [victimId]);
    expect(victim?.status_reason).toBe(
      MAILBOX_ERROR_REASONS.mailboxUnavailable,
    );
  });
});
