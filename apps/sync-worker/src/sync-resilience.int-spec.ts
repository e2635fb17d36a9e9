// Scale-out and crash safety of the built worker: two processes on one
// tenant, and a worker SIGKILLed at random points and restarted, with its
// Redis and PostgreSQL connections cut mid-run. Each run must end with
// exactly the stored set of a clean single-worker run.
import type Bull from 'bull';
import type { MailboxSyncJob } from '@headersync/domain-model';
import type { RunningGraphSimulator } from '@headersync/graph-client/testing';
import {
  committedSeen,
  countWorkerRedisConnections,
  createTenant,
  cutWorkerRedisConnections,
  isSyncDone,
  requestSync,
  startSimulator,
  startWorker,
  storedCopies,
  storedMessages,
  syncQueue,
  terminateWorkerBackends,
  waitFor,
  waitForSync,
  type StoredRow,
  type TenantFixture,
  type WorkerProcess,
} from './testing/sync-test-harness';

jest.setTimeout(240_000);

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

const MAILBOXES = 4;
const MESSAGES = 160;
// Small pages: many commit points for a kill to fall between.
const WORKER_ENV = { SYNC_PAGE_SIZE: '10' };

let sim: RunningGraphSimulator;
const tenants: TenantFixture[] = [];
const workers: WorkerProcess[] = [];
const queues: Bull.Queue<MailboxSyncJob>[] = [];
let referenceCopies: string[];
let referenceMessages: StoredRow[];

async function tenant(): Promise<TenantFixture> {
  const t = await createTenant(sim, { headerBasedSync: true });
  tenants.push(t);
  return t;
}

async function worker(t: TenantFixture): Promise<WorkerProcess> {
  const w = await startWorker(sim, t, WORKER_ENV);
  workers.push(w);
  return w;
}

function queue(t: TenantFixture): Bull.Queue<MailboxSyncJob> {
  const q = syncQueue(t);
  queues.push(q);
  return q;
}

beforeAll(async () => {
  sim = await startSimulator(MAILBOXES, MESSAGES, 7);
  // Each Graph operation takes a few milliseconds, as a real one takes
  // tens: a run lasts long enough to be interrupted.
  await sim.control.setConfig({ serviceTimeMs: 8 });
  const reference = await tenant();
  const q = queue(reference);
  const since = new Date();
  const w = await worker(reference);
  await waitForSync(reference, q, since);
  await w.kill();
  referenceCopies = await storedCopies(reference);
  referenceMessages = await storedMessages(reference);
});

afterAll(async () => {
  for (const w of workers) await w.kill('SIGKILL');
  for (const q of queues) await q.close();
  for (const t of tenants) await t.drop();
  await sim?.stop();
});

it('has a reference worth comparing with', () => {
  expect(referenceCopies.length).toBeGreaterThan(MAILBOXES * 5);
  expect(new Set(referenceCopies).size).toBe(referenceCopies.length);
});

describe('two worker processes on one tenant', () => {
  let t: TenantFixture;
  let pair: WorkerProcess[];

  beforeAll(async () => {
    // Slower Graph operations than the scale-out part: on an idle machine a
    // run of this small tenant otherwise ends before a kill can land in it.
    await sim.control.setConfig({ serviceTimeMs: 40 });
    t = await tenant();
    const q = queue(t);
    await sim.control.resetAccounting();
    const since = new Date();
    pair = await Promise.all([worker(t), worker(t)]);
    // "Sync now" from the API while the boot jobs run: deduplicated by job id.
    await waitFor('a sync to start', async () =>
      (await committedSeen(t)) > 0 ? true : undefined,
    );
    await requestSync(q, t);
    await waitForSync(t, q, since);
  });

  it('store the same set as one worker', async () => {
    expect(await storedCopies(t)).toEqual(referenceCopies);
    expect(await storedMessages(t)).toEqual(referenceMessages);
  });

  it('never run one mailbox twice at once, nor send a mailbox more than 4 concurrent requests', async () => {
    const runs = await t.db.dataSource.query<
      { mailbox_id: string; started_at: Date; finished_at: Date | null }[]
    >(
      `SELECT "mailbox_id", "started_at", "finished_at" FROM "sync_run"
       WHERE "org_id" = $1 ORDER BY "mailbox_id", "started_at"`,
      [t.orgId],
    );
    for (let i = 1; i < runs.length; i++) {
      const [prev, run] = [runs[i - 1], runs[i]];
      if (!prev || !run || prev.mailbox_id !== run.mailbox_id) continue;
      expect(prev.finished_at).not.toBeNull();
      expect(run.started_at.getTime()).toBeGreaterThanOrEqual(
        (prev.finished_at as Date).getTime(),
      );
    }
    const accounting = await sim.control.accounting();
    const peaks = Object.values(accounting.maxConcurrencyByMailbox);
    expect(peaks).toHaveLength(MAILBOXES);
    expect(Math.max(...peaks)).toBeLessThanOrEqual(4);
    // The simulator answers a 5th concurrent request with 429
    // (MailboxConcurrency): none was sent.
    expect(accounting.throttled).toBe(0);
    const byWorker = pair.map(
      (w) =>
        w.output.filter((line) => line.includes('mailbox-sync-started')).length,
    );
    // Which process takes which job is Bull's choice; together they took all.
    expect(byWorker.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      MAILBOXES,
    );
  });
});

describe('crash safety', () => {
  let t: TenantFixture;

  let kills = 0;

  beforeAll(async () => {
    t = await tenant();
    const q = queue(t);
    const began = new Date();
    const tookJob = (w: WorkerProcess) =>
      w.output.some((line) => line.includes('"event":"mailbox-sync-started"'));
    const idle = async () => (await isSyncDone(t, q, began)).done;
    // Several SIGKILLs at random points of the run: each worker is killed
    // 0-1.5 s after it took its first job. A killed worker's jobs stay
    // locked until Bull's lock expires (MAILBOX_SYNC_LOCK_DURATION_MS), then
    // the next worker takes them over as stalled jobs.
    for (let i = 0; i < 3 && !(await idle()); i++) {
      const w = await worker(t);
      const working = await waitFor(
        'the worker to take a job',
        async () => (tookJob(w) ? true : (await idle()) ? false : undefined),
        60_000,
        20,
      );
      if (working) {
        await sleep(Math.round(Math.random() * 1500));
        kills += 1;
      }
      await w.kill('SIGKILL');
    }
    // The last worker loses its Redis connections and then its PostgreSQL
    // sessions while it works (what a restart of either server does to it).
    // The machine's shared servers are never restarted: CLIENT KILL hits
    // only connections named after this test's key prefix,
    // pg_terminate_backend only the worker's sessions on this test's own
    // database.
    const last = await worker(t);
    await waitFor(
      'the last worker to take a job',
      async () => (tookJob(last) || (await idle()) ? true : undefined),
      60_000,
      20,
    );
    // Its connections exist once it has booted, even when the killed ones
    // left no work (the cuts then hit an idle worker, which must recover
    // all the same before the on-demand sync below).
    await waitFor(
      'the last worker to connect to Redis',
      async () =>
        (await countWorkerRedisConnections(t)) > 0 ? true : undefined,
      60_000,
      20,
    );
    expect(await cutWorkerRedisConnections(t)).toBeGreaterThan(0);
    await sleep(300);
    await terminateWorkerBackends(t);
    await waitForSync(t, q, began, 150_000);
    // And the worker still syncs after both cuts.
    const after = new Date();
    await requestSync(q, t);
    await waitForSync(t, q, after);
    await last.kill();
  });

  it('was killed in the middle of syncing', () => {
    expect(kills).toBeGreaterThanOrEqual(2);
  });

  it('ends with exactly the clean run’s stored set: no duplicates, no gaps', async () => {
    expect(await storedCopies(t)).toEqual(referenceCopies);
    expect(await storedMessages(t)).toEqual(referenceMessages);
  });

  it('saved every folder’s delta link and closed the interrupted runs', async () => {
    const folders = await t.db.dataSource.query<
      { delta_link: string | null; status: string }[]
    >(
      `SELECT f."delta_link", f."status" FROM "mailbox_folder_state" f
       JOIN "mailbox" m ON m."id" = f."mailbox_id" WHERE m."org_id" = $1`,
      [t.orgId],
    );
    expect(folders).toHaveLength(MAILBOXES * 2);
    for (const f of folders) {
      expect(f.delta_link).toBeTruthy();
      expect(f.status).toBe('idle');
    }
    const running = await t.db.dataSource.query<unknown[]>(
      `SELECT 1 FROM "sync_run" WHERE "org_id" = $1 AND "status" = 'running'`,
      [t.orgId],
    );
    expect(running).toHaveLength(0);
  });
});
