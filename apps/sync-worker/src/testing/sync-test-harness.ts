// Test harness for the sync worker's integration tests: a real PostgreSQL
// database (createTestDatabase, real migrations), real Redis under a unique
// key prefix, the Graph simulator spawned over HTTPS, and the BUILT worker
// (apps/sync-worker/dist/main.js) spawned as a process: nothing of ours is
// mocked.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Bull from 'bull';
import Redis from 'ioredis';
import {
  deleteRedisKeys,
  dumpRedis as dumpRedisKeys,
} from '@headersync/settings/testing';
import {
  mailboxSyncJobId,
  QUEUE_NAMES,
  type MailboxSyncJob,
  type SyncTrigger,
} from '@headersync/domain-model';
import {
  GraphCredentialRepository,
  MailboxRepository,
  OrgEmailSettingsRepository,
  ProspectRepository,
  SecretCipher,
  TransactionRunner,
} from '@headersync/domain-persistence';
import {
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import {
  createTestCertificate,
  findWorkspaceRoot,
  spawnGraphSimulator,
  type RunningGraphSimulator,
} from '@headersync/graph-client/testing';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';

const execFileAsync = promisify(execFile);

export const REDIS_URL = 'redis://127.0.0.1:6379';

export function startSimulator(
  mailboxes: number,
  messages: number,
  seed = 42,
): Promise<RunningGraphSimulator> {
  return spawnGraphSimulator([
    '--seed',
    String(seed),
    '--mailboxes',
    String(mailboxes),
    '--messages',
    String(messages),
    '--quiet',
  ]);
}

export interface TenantFixture {
  readonly db: TestDatabase;
  readonly orgId: string;
  readonly encryptionKey: string;
  readonly redisPrefix: string;
  /** Our mailbox ids by simulator user id. */
  readonly mailboxIdByUser: ReadonlyMap<string, string>;
  readonly mailboxIds: readonly string[];
  drop(): Promise<void>;
}

export interface TenantOptions {
  readonly headerBasedSync: boolean;
  /**
   * One app registration signing in with a certificate (Mail.Read.All),
   * stored as the API stores it, instead of the simulator's two secret apps.
   */
  readonly certificate?: boolean;
  /** Default: every simulator user. */
  readonly userIds?: readonly string[];
}

/** A fresh database holding one org connected to the simulator's tenant. */
export async function createTenant(
  sim: RunningGraphSimulator,
  options: TenantOptions,
): Promise<TenantFixture> {
  const db = await createTestDatabase();
  const ds = db.dataSource;
  const key = randomBytes(32);
  const encryptionKey = key.toString('base64');
  const orgId = (
    await ds.query<{ id: string }[]>(
      `INSERT INTO "organization" ("name") VALUES ('Contoso') RETURNING "id"`,
    )
  )[0]?.id as string;
  const settings = new OrgEmailSettingsRepository(ds);
  const tenant = (await sim.control.tenant()) as { domain: string };
  await new TransactionRunner(ds).run(async (tx) => {
    await settings.getForUpdate(orgId, tx);
    await settings.save(
      orgId,
      {
        ...DEFAULT_ORG_EMAIL_SETTINGS,
        headerBasedSync: options.headerBasedSync,
        internalDomains: [tenant.domain],
        // The generated mail reaches back 120 days.
        backfillDays: 3650,
      },
      tx,
    );
  });
  const credentials = new GraphCredentialRepository(
    ds,
    new SecretCipher({ currentVersion: 1, keys: new Map([[1, key]]) }),
  );
  const c = sim.credentials;
  if (options.certificate) {
    const certificate = createTestCertificate();
    const app = await sim.control.registerApp({
      roles: ['Mail.Read.All'],
      certificatePem: certificate.certificatePem,
    });
    // apps/api GraphConnectionService: the key and certificate as one
    // encrypted JSON string, the SHA-256 thumbprint beside it.
    await credentials.save({
      orgId,
      purpose: 'full',
      tenantId: c.tenantId,
      clientId: app.clientId,
      kind: 'certificate',
      secret: JSON.stringify({
        privateKeyPem: certificate.privateKeyPem,
        certificatePem: certificate.certificatePem,
      }),
      certificateThumbprint: certificate.thumbprintSha256,
    });
  } else {
    await credentials.save({
      orgId,
      purpose: 'full',
      tenantId: c.tenantId,
      clientId: c.clientId,
      kind: 'secret',
      secret: c.clientSecret,
    });
    await credentials.save({
      orgId,
      purpose: 'header',
      tenantId: c.tenantId,
      clientId: c.readBasic.clientId,
      kind: 'secret',
      secret: c.readBasic.clientSecret,
    });
  }
  const prospects = JSON.parse(
    await readFile(c.prospectsPath as string, 'utf8'),
  ) as Array<{ email: string; accountDomain?: string }>;
  await new ProspectRepository(ds).upsertMany(orgId, prospects);
  const mailboxes = new MailboxRepository(ds);
  const mailboxIdByUser = new Map<string, string>();
  for (const user of c.users) {
    if (options.userIds && !options.userIds.includes(user.id)) continue;
    // graph_user_id is left for the worker to resolve (as after onboarding).
    const mailbox = await mailboxes.create(orgId, user.userPrincipalName);
    mailboxIdByUser.set(user.id, mailbox.id);
  }
  const redisPrefix = `hs-test-sync-${process.pid}-${randomBytes(4).toString('hex')}`;
  return {
    db,
    orgId,
    encryptionKey,
    redisPrefix,
    mailboxIdByUser,
    mailboxIds: [...mailboxIdByUser.values()],
    drop: async () => {
      await deleteRedisKeys(REDIS_URL, redisPrefix);
      await db.drop();
    },
  };
}

/** Flips the org's "Sync emails based on headers only" switch (as an admin would in the API). */
export async function setHeaderBasedSync(
  tenant: TenantFixture,
  headerBasedSync: boolean,
): Promise<void> {
  const settings = new OrgEmailSettingsRepository(tenant.db.dataSource);
  await new TransactionRunner(tenant.db.dataSource).run(async (tx) => {
    const current = await settings.getForUpdate(tenant.orgId, tx);
    await settings.save(
      tenant.orgId,
      { ...current.settings, headerBasedSync },
      tx,
    );
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

export interface WorkerProcess {
  readonly process: ChildProcess;
  /** Every stdout and stderr line the worker wrote. */
  readonly output: string[];
  readonly port: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Spawns the built worker (apps/sync-worker/dist/main.js) against the tenant. */
export async function startWorker(
  sim: RunningGraphSimulator,
  tenant: TenantFixture,
  env: Record<string, string> = {},
): Promise<WorkerProcess> {
  const root = findWorkspaceRoot();
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(root, 'apps/sync-worker/dist/main.js')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: tenant.db.databaseUrl,
        REDIS_URL,
        REDIS_PREFIX: tenant.redisPrefix,
        HEADERSYNC_ENCRYPTION_KEY: tenant.encryptionKey,
        GRAPH_AUTHORITY_HOST: sim.credentials.baseUrl,
        GRAPH_BASE_URL: sim.credentials.graphBaseUrl,
        GRAPH_CA_CERT_PATH: sim.credentials.caCertPath,
        WORKER_PORT: String(port),
        LOG_LEVEL: 'debug',
        // Scheduled runs only at boot in tests; later runs are on demand.
        SYNC_INTERVAL_SECONDS: '3600',
        ...env,
      },
    },
  );
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      output.push(...lines);
    });
    stream?.on('end', () => {
      if (rest) output.push(rest);
    });
  }
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  return {
    process: child,
    output,
    port,
    kill: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A Bull handle on the tenant's mailbox-sync queue, as the API would hold it. */
export function syncQueue(tenant: TenantFixture): Bull.Queue<MailboxSyncJob> {
  return new Bull<MailboxSyncJob>(QUEUE_NAMES.mailboxSync, REDIS_URL, {
    prefix: tenant.redisPrefix,
  });
}

/**
 * On-demand sync of mailboxes exactly as the API's "sync now" enqueues it
 * (apps/api SyncQueueService.enqueue: same job id, payload and options), so
 * these tests prove the worker processes the API's jobs.
 */
export async function requestSync(
  queue: Bull.Queue<MailboxSyncJob>,
  tenant: TenantFixture,
  trigger: SyncTrigger = 'manual',
  mailboxIds: readonly string[] = tenant.mailboxIds,
): Promise<void> {
  for (const mailboxId of mailboxIds) {
    const jobId = mailboxSyncJobId(mailboxId);
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'waiting' || state === 'active' || state === 'delayed')
        continue;
      await existing.remove().catch(() => undefined);
    }
    const job: MailboxSyncJob = { orgId: tenant.orgId, mailboxId, trigger };
    await queue.add(job, {
      jobId,
      removeOnComplete: true,
      removeOnFail: true,
      attempts: 1,
    });
  }
}

/** Polls until `check` returns a value (not undefined), or fails after the timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Sum of the messages the tenant's runs have listed so far (committed pages). */
export async function committedSeen(
  tenant: TenantFixture,
  mailboxId?: string,
): Promise<number> {
  const [row] = await tenant.db.dataSource.query<{ n: string | null }[]>(
    `SELECT sum("seen" + "updated") AS n FROM "sync_run"
     WHERE "org_id" = $1 AND ($2::uuid IS NULL OR "mailbox_id" = $2)`,
    [tenant.orgId, mailboxId ?? null],
  );
  return Number(row?.n ?? 0);
}

/**
 * What a Redis restart does to the worker, without restarting the machine's
 * shared Redis: CLIENT KILL for the connections named after this tenant's
 * key prefix (the worker names them `headersync-sync-worker:<prefix>`).
 * Returns how many were cut.
 */
export async function cutWorkerRedisConnections(
  tenant: TenantFixture,
): Promise<number> {
  return withWorkerRedisConnections(tenant, async (redis, ids) => {
    for (const id of ids) await redis.call('CLIENT', 'KILL', 'ID', id);
    return ids.length;
  });
}

/** How many Redis connections the tenant's workers hold (named as above). */
export function countWorkerRedisConnections(
  tenant: TenantFixture,
): Promise<number> {
  return withWorkerRedisConnections(tenant, async (_redis, ids) => ids.length);
}

async function withWorkerRedisConnections<T>(
  tenant: TenantFixture,
  work: (redis: Redis, ids: string[]) => Promise<T>,
): Promise<T> {
  const redis = new Redis(REDIS_URL);
  try {
    const list = (await redis.call('CLIENT', 'LIST')) as string;
    const name = `headersync-sync-worker:${tenant.redisPrefix}`;
    const ids = list
      .split('\n')
      .map((line) =>
        Object.fromEntries(line.split(' ').map((kv) => kv.split('='))),
      )
      .filter((c) => c['name'] === name && c['id'])
      .map((c) => c['id'] as string);
    return await work(redis, ids);
  } finally {
    redis.disconnect();
  }
}

/**
 * What a PostgreSQL restart does to the worker, without restarting the
 * machine's shared server: pg_terminate_backend for the worker's sessions on
 * this test's own database only. Returns how many were terminated.
 */
export async function terminateWorkerBackends(
  tenant: TenantFixture,
): Promise<number> {
  const rows = await tenant.db.dataSource.query<{ pid: number }[]>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = 'headersync-sync-worker'
       AND pid <> pg_backend_pid()`,
  );
  for (const { pid } of rows)
    await tenant.db.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
  return rows.length;
}

interface MailboxRow {
  id: string;
  status: string;
  status_reason: string | null;
  last_sync_finished_at: Date | null;
}

/**
 * Whether every mailbox has finished a run that started after `since` (or is
 * in error) and the queue holds no job.
 */
export async function isSyncDone(
  tenant: TenantFixture,
  queue: Bull.Queue<MailboxSyncJob>,
  since: Date,
  mailboxIds?: readonly string[],
): Promise<{ done: boolean; rows: MailboxRow[]; detail: string }> {
  const rows = (
    await tenant.db.dataSource.query<MailboxRow[]>(
      `SELECT m."id", m."status", m."status_reason", m."last_sync_finished_at"
       FROM "mailbox" m WHERE m."org_id" = $1`,
      [tenant.orgId],
    )
  ).filter((r) => !mailboxIds || mailboxIds.includes(r.id));
  const succeeded = await tenant.db.dataSource.query<{ mailbox_id: string }[]>(
    `SELECT DISTINCT "mailbox_id" FROM "sync_run"
     WHERE "org_id" = $1 AND "status" = 'succeeded' AND "started_at" >= $2`,
    [tenant.orgId, since],
  );
  const finished = new Set(succeeded.map((r) => r.mailbox_id));
  const counts = await queue.getJobCounts();
  const busy = counts.waiting + counts.active + counts.delayed;
  return {
    done:
      busy === 0 &&
      rows.every((r) => r.status === 'error' || finished.has(r.id)),
    rows,
    detail: JSON.stringify({
      counts,
      done: finished.size,
      mailboxes: rows.length,
    }),
  };
}

/**
 * Waits until every mailbox has finished a run that started after `since`
 * (or is in error) and the queue holds no job.
 */
export async function waitForSync(
  tenant: TenantFixture,
  queue: Bull.Queue<MailboxSyncJob>,
  since: Date,
  timeoutMs = 120_000,
  /** Only these mailboxes (default: all of the tenant's). */
  mailboxIds?: readonly string[],
): Promise<MailboxRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await isSyncDone(tenant, queue, since, mailboxIds);
    if (state.done) return state.rows;
    if (Date.now() > deadline)
      throw new Error(
        `sync did not finish in ${timeoutMs} ms: ${state.detail}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface StoredRow {
  dedupe_key: string;
  kind: string;
  matched_prospects: string[];
}

/** The stored set: one row per stored message with its kind and matched prospects. */
export async function storedMessages(
  tenant: TenantFixture,
): Promise<StoredRow[]> {
  return tenant.db.dataSource.query<StoredRow[]>(
    `SELECT "dedupe_key", "kind", "matched_prospects" FROM "stored_message"
     WHERE "org_id" = $1 ORDER BY "dedupe_key"`,
    [tenant.orgId],
  );
}

/** Every mailbox copy as "<upn>|<folder>|<internet message id>" (ids differ between databases). */
export async function storedCopies(tenant: TenantFixture): Promise<string[]> {
  const rows = await tenant.db.dataSource.query<{ k: string }[]>(
    `SELECT m."user_principal_name" || '|' || c."folder" || '|' || s."dedupe_key" AS k
     FROM "mailbox_message" c JOIN "mailbox" m ON m."id" = c."mailbox_id"
     JOIN "stored_message" s ON s."id" = c."stored_message_id"
     WHERE c."org_id" = $1 ORDER BY 1`,
    [tenant.orgId],
  );
  return rows.map((r) => r.k);
}

/** pg_dump of the whole test database, as text. */
export async function dumpPostgres(tenant: TenantFixture): Promise<string> {
  const { stdout } = await execFileAsync(
    'pg_dump',
    ['--no-owner', '--dbname', tenant.db.databaseUrl],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  return stdout;
}

/** Every key under the tenant's prefix with its value, whatever the type. */
export function dumpRedis(prefix: string): Promise<string> {
  return dumpRedisKeys(REDIS_URL, prefix);
}
