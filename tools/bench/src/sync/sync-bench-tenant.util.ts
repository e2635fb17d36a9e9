// Seeding and measuring one org of the sync benchmark: a fresh PostgreSQL
// database (real migrations) holding one org connected to the simulator's
// tenant, the built sync worker spawned against it with its own Redis key
// prefix, and the figures read back from the database, Redis and /proc.
// The sync worker's integration harness does the same for its tests; it
// lives inside the app, which a tool may not import.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  deleteRedisKeys,
  redisUsage as redisUsageOf,
  type RedisUsage,
} from '@headersync/settings/testing';
import {
  GraphCredentialRepository,
  MailboxRepository,
  ProspectRepository,
  SecretCipher,
  SYSTEM_ACTOR,
} from '@headersync/domain-persistence';
import {
  createOrganization,
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import type { RunningGraphSimulator } from '@headersync/graph-client/testing';
import { OrgSettingsService } from '@headersync/settings';
import type { ThrottleSettings } from './sync-bench.util.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** What the simulator's control API says about its tenant (the parts used here). */
export interface SimTenant {
  readonly domain: string;
  readonly users: ReadonlyArray<{
    readonly id: string;
    readonly userPrincipalName: string;
    readonly folders: Readonly<Record<string, { messageCount: number }>>;
  }>;
  readonly prospects: ReadonlyArray<{
    readonly email: string;
    readonly accountDomain?: string;
  }>;
}

export interface BenchTenant {
  readonly db: TestDatabase;
  readonly orgId: string;
  readonly encryptionKey: string;
  readonly redisPrefix: string;
  readonly mailboxes: number;
  drop(): Promise<void>;
}

/** A fresh database holding one org connected to the simulator's tenant, in the given mode. */
export async function createBenchTenant(
  sim: RunningGraphSimulator,
  tenant: SimTenant,
  headerBasedSync: boolean,
): Promise<BenchTenant> {
  const db = await createTestDatabase();
  try {
    const ds = db.dataSource;
    const key = randomBytes(32);
    const org = await createOrganization(ds, { name: 'Contoso' });
    // Through the settings service, as an admin switching the mode would.
    await OrgSettingsService.fromDataSource(ds).update(org.id, SYSTEM_ACTOR, {
      headerBasedSync,
      internalDomains: [tenant.domain],
      // The generated mail reaches back 120 days: the whole mailbox is the backfill.
      backfillDays: 3650,
    });
    const credentials = new GraphCredentialRepository(
      ds,
      new SecretCipher({ currentVersion: 1, keys: new Map([[1, key]]) }),
    );
    const c = sim.credentials;
    await credentials.save({
      orgId: org.id,
      purpose: 'full',
      tenantId: c.tenantId,
      clientId: c.clientId,
      kind: 'secret',
      secret: c.clientSecret,
    });
    await credentials.save({
      orgId: org.id,
      purpose: 'header',
      tenantId: c.tenantId,
      clientId: c.readBasic.clientId,
      kind: 'secret',
      secret: c.readBasic.clientSecret,
    });
    await new ProspectRepository(ds).upsertMany(
      org.id,
      tenant.prospects.map((p) => ({
        email: p.email,
        accountDomain: p.accountDomain ?? null,
      })),
    );
    const mailboxes = new MailboxRepository(ds);
    // graph_user_id is left for the worker to resolve, as after onboarding.
    for (const user of tenant.users)
      await mailboxes.create(org.id, user.userPrincipalName);
    const redisPrefix = `hs-bench-sync-${process.pid}-${randomBytes(4).toString('hex')}`;
    return {
      db,
      orgId: org.id,
      encryptionKey: key.toString('base64'),
      redisPrefix,
      mailboxes: tenant.users.length,
      drop: async () => {
        await deleteRedisKeys(REDIS_URL, redisPrefix);
        await db.drop();
      },
    };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/**
 * Empties the simulator's throttle buckets (control API `POST /throttle/reset`)
 * so that each mode starts with a full budget.
 */
export async function resetThrottle(sim: RunningGraphSimulator): Promise<void> {
  const url = `${sim.credentials.controlUrl.replace(/\/+$/, '')}/throttle/reset`;
  await new Promise<void>((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: sim.ca }, (res) => {
      res.resume();
      res.once('end', () =>
        res.statusCode !== undefined && res.statusCode < 300
          ? resolve()
          : reject(
              new Error(
                `simulator POST /throttle/reset answered ${res.statusCode}`,
              ),
            ),
      );
    });
    req.once('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BenchWorker {
  readonly process: ChildProcess;
  /** Peak resident set size so far (VmHWM of /proc/<pid>/status), in bytes. */
  peakRssBytes(): Promise<number>;
  /** CPU seconds the worker has used so far (the last reading once it is gone). */
  cpuSeconds(): Promise<number>;
  /** The last lines the worker wrote to stderr (for a failure message). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/** VmHWM ("high water mark" of the resident set, proc(5)) in bytes, or 0 once the process is gone. */
export async function readPeakRssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * CPU time a process has used so far (utime + stime of /proc/<pid>/stat,
 * proc(5)), in seconds, or 0 once it is gone. Clock ticks are 100 per second
 * on Linux (sysconf(_SC_CLK_TCK), fixed by the kernel's USER_HZ).
 */
export async function readCpuSeconds(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Spawns the built worker (apps/sync-worker/dist/main.js) against the tenant. */
export async function startBenchWorker(
  root: string,
  sim: RunningGraphSimulator,
  tenant: BenchTenant,
  options: {
    pageSize: number;
    /** The throttle the worker paces itself under; undefined: no pacing. */
    requestBudget: ThrottleSettings | undefined;
  },
): Promise<BenchWorker> {
  const budget = options.requestBudget;
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, 'apps/sync-worker/dist/main.js')],
    {
      cwd: root,
      // The worker's JSON logs are not needed; warnings and errors go to stderr.
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: tenant.db.databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: tenant.redisPrefix,
        HEADERSYNC_ENCRYPTION_KEY: tenant.encryptionKey,
        GRAPH_AUTHORITY_HOST: sim.credentials.baseUrl,
        GRAPH_BASE_URL: sim.credentials.graphBaseUrl,
        GRAPH_CA_CERT_PATH: sim.credentials.caCertPath,
        WORKER_PORT: String(port),
        LOG_LEVEL: 'warn',
        SYNC_PAGE_SIZE: String(options.pageSize),
        GRAPH_MAILBOX_REQUEST_LIMIT: String(budget?.limit ?? 0),
        // Rounded up: a longer window only paces more carefully.
        GRAPH_MAILBOX_REQUEST_WINDOW_SECONDS: String(
          Math.max(1, Math.ceil((budget?.windowMs ?? 1000) / 1000)),
        ),
        // One scheduled run per mailbox, at boot: the benchmark is a first sync.
        SYNC_INTERVAL_SECONDS: '86400',
      },
    },
  );
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  let peak = 0;
  const peakRssBytes = async (): Promise<number> => {
    if (child.pid !== undefined)
      peak = Math.max(peak, await readPeakRssBytes(child.pid));
    return peak;
  };
  let cpu = 0;
  const cpuSeconds = async (): Promise<number> => {
    if (child.pid !== undefined)
      cpu = Math.max(cpu, await readCpuSeconds(child.pid));
    return cpu;
  };
  // Polled as well, in case the worker dies before the final reading.
  const poll = setInterval(() => {
    void peakRssBytes();
    void cpuSeconds();
  }, 1000);
  return {
    process: child,
    peakRssBytes,
    cpuSeconds,
    stderrTail: () => tail,
    stop: async () => {
      clearInterval(poll);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface RunTotals {
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  /** Messages downloaded in full, by mailbox user principal name. */
  readonly fetchedByMailbox: ReadonlyMap<string, number>;
  readonly failedMailboxes: ReadonlyArray<{ upn: string; reason: string }>;
}

interface MailboxProgress {
  upn: string;
  status: string;
  status_reason: string | null;
  succeeded: string;
}

/**
 * Waits until every mailbox has a succeeded run (or is in error), polling
 * the database; the worker's boot tick enqueues every mailbox that never
 * synced.
 */
export async function waitForFirstSync(
  tenant: BenchTenant,
  worker: BenchWorker,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (worker.process.exitCode !== null || worker.process.signalCode !== null)
      throw new Error(
        `the sync worker exited (${worker.process.exitCode ?? worker.process.signalCode}): ${lastLine(worker.stderrTail())}`,
      );
    const rows = await progressOf(tenant);
    if (
      rows.length === tenant.mailboxes &&
      rows.every((r) => r.status === 'error' || Number(r.succeeded) > 0)
    )
      return;
    if (Date.now() > deadline) {
      const done = rows.filter((r) => Number(r.succeeded) > 0).length;
      throw new Error(
        `the first sync did not finish within ${timeoutMs / 1000} s (${done} of ${tenant.mailboxes} mailboxes done)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function lastLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? 'no output'
  );
}

function progressOf(tenant: BenchTenant): Promise<MailboxProgress[]> {
  return tenant.db.dataSource.query<MailboxProgress[]>(
    `SELECT m."user_principal_name" AS upn, m."status", m."status_reason",
            (SELECT count(*) FROM "sync_run" r
              WHERE r."mailbox_id" = m."id" AND r."status" = 'succeeded') AS succeeded
     FROM "mailbox" m WHERE m."org_id" = $1`,
    [tenant.orgId],
  );
}

/** The succeeded runs' span and counters. */
export async function runTotals(tenant: BenchTenant): Promise<RunTotals> {
  const rows = await tenant.db.dataSource.query<
    Array<{
      upn: string;
      started_at: Date;
      finished_at: Date;
      seen: number;
      fetched: number;
      stored: number;
    }>
  >(
    `SELECT m."user_principal_name" AS upn, r."started_at", r."finished_at",
            r."seen", r."fetched", r."stored"
     FROM "sync_run" r JOIN "mailbox" m ON m."id" = r."mailbox_id"
     WHERE r."org_id" = $1 AND r."status" = 'succeeded'`,
    [tenant.orgId],
  );
  const fetchedByMailbox = new Map<string, number>();
  for (const r of rows)
    fetchedByMailbox.set(r.upn, (fetchedByMailbox.get(r.upn) ?? 0) + r.fetched);
  const progress = await progressOf(tenant);
  const times = (pick: (r: (typeof rows)[number]) => Date) =>
    rows.map((r) => pick(r).getTime());
  return {
    startedAt: new Date(Math.min(...times((r) => r.started_at))),
    finishedAt: new Date(Math.max(...times((r) => r.finished_at))),
    seen: rows.reduce((n, r) => n + r.seen, 0),
    fetched: rows.reduce((n, r) => n + r.fetched, 0),
    stored: rows.reduce((n, r) => n + r.stored, 0),
    fetchedByMailbox,
    failedMailboxes: progress
      .filter((r) => r.status === 'error')
      .map((r) => ({ upn: r.upn, reason: r.status_reason ?? 'unknown' })),
  };
}

/**
 * The stored set: every stored message with its kind and matched prospects,
 * and every mailbox copy as "<upn>|<folder>|<dedupe key>" (row ids differ
 * between databases).
 */
export async function storedSet(tenant: BenchTenant): Promise<string[]> {
  const messages = await tenant.db.dataSource.query<{ k: string }[]>(
    `SELECT s."dedupe_key" || '|' || s."kind" || '|' || array_to_string(ARRAY(SELECT unnest(s."matched_prospects") ORDER BY 1), ',') AS k
     FROM "stored_message" s WHERE s."org_id" = $1`,
    [tenant.orgId],
  );
  const copies = await tenant.db.dataSource.query<{ k: string }[]>(
    `SELECT m."user_principal_name" || '|' || c."folder" || '|' || s."dedupe_key" AS k
     FROM "mailbox_message" c JOIN "mailbox" m ON m."id" = c."mailbox_id"
     JOIN "stored_message" s ON s."id" = c."stored_message_id"
     WHERE c."org_id" = $1`,
    [tenant.orgId],
  );
  return [
    ...messages.map((r) => `message|${r.k}`),
    ...copies.map((r) => `copy|${r.k}`),
  ].sort();
}

/** MEMORY USAGE of every key under the prefix, summed. */
export function redisUsage(prefix: string): Promise<RedisUsage> {
  return redisUsageOf(REDIS_URL, prefix);
}
