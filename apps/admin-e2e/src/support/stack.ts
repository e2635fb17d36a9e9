import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const START_SCRIPT = join(WORKSPACE_ROOT, 'tools/scripts/start.mjs');

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** The users the api seeds for `npm start`'s demo org (DEMO_* variables). */
export const DEMO_ADMIN: Credentials = {
  email: 'admin@demo.headersync.local',
  password: 'headersync-demo-admin',
};
export const DEMO_MEMBER: Credentials = {
  email: 'member@demo.headersync.local',
  password: 'headersync-demo-member',
};

export interface Stack {
  readonly adminUrl: string;
  readonly apiUrl: string;
  readonly workerUrl: string;
  readonly databaseUrl: string;
  readonly redisPrefix: string;
  /** Everything start.mjs and the apps printed, for a failing test's message. */
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Where start.mjs's output goes; the folder is created. */
  readonly logFile: string;
  /** How long building, migrating and booting may take. */
  readonly timeoutMs?: number;
}

/** A port the kernel just handed out; free unless someone grabs it first. */
export async function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') done(address.port);
        else fail(new Error('no port was assigned'));
      });
    });
  });
}

/**
 * Starts the product exactly as `npm start` does (tools/scripts/start.mjs), on
 * ports, a database, a Redis prefix and a data folder of its own, so a
 * developer's running stack is left alone. Resolves once start.mjs prints the
 * URLs it serves.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const [apiPort, workerPort, adminPort, graphPort] = await Promise.all([
    findFreePort(),
    findFreePort(),
    findFreePort(),
    findFreePort(),
  ]);
  const databaseName = `headersync_e2e_${id}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName}`;
  const redisPrefix = `headersync-e2e-${id}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'headersync-e2e-'));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
    API_PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    ADMIN_PORT: String(adminPort),
    GRAPH_SIMULATOR_PORT: String(graphPort),
    HEADERSYNC_DATA_DIR: dataDir,
    DEMO_ADMIN_EMAIL: DEMO_ADMIN.email,
    DEMO_ADMIN_PASSWORD: DEMO_ADMIN.password,
    DEMO_MEMBER_EMAIL: DEMO_MEMBER.email,
    DEMO_MEMBER_PASSWORD: DEMO_MEMBER.password,
    // A small tenant: the browser tests need mailboxes, not volume.
    DEMO_MAILBOXES: '2',
    DEMO_MESSAGES: '40',
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
  };
  // What a developer's shell has: jest's NODE_ENV=test would change the apps'
  // behaviour, and a configured tenant would replace the simulator.
  for (const name of [
    'NODE_ENV',
    'HEADERSYNC_ENCRYPTION_KEY',
    'GRAPH_AUTHORITY_HOST',
    'GRAPH_BASE_URL',
    'GRAPH_CA_CERT_PATH',
    'MICROSOFT_SIGNIN_CLIENT_ID',
    'MICROSOFT_SIGNIN_CLIENT_SECRET',
    'MICROSOFT_SIGNIN_TENANT',
    'PUBLIC_ADMIN_URL',
  ]) {
    delete env[name];
  }

  await mkdir(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  // Output that arrives while the stack shuts down must not crash the run.
  log.on('error', () => undefined);
  // Its own process group, so stopping it stops the apps it spawned too.
  const child = spawn(process.execPath, [START_SCRIPT], {
    cwd: WORKSPACE_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.on('exit', killOnExit);

  const cleanUp = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await stopGroup(child);
    log.end();
    await dropDatabase(databaseName);
    await deleteRedisKeys(env['REDIS_URL'] ?? '', redisPrefix);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const urls = await waitForUrls(
      child,
      log,
      options.timeoutMs ?? 240_000,
      options.logFile,
    );
    return {
      ...urls,
      databaseUrl,
      redisPrefix,
      logFile: options.logFile,
      stop: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function waitForUrls(
  child: ChildProcess,
  log: NodeJS.WritableStream,
  timeoutMs: number,
  logFile: string,
): Promise<{ adminUrl: string; apiUrl: string; workerUrl: string }> {
  return new Promise((done, fail) => {
    const urls: Record<string, string> = {};
    let pending = '';
    const timer = setTimeout(
      () =>
        fail(
          new Error(
            `npm start did not print its URLs within ${timeoutMs / 1000} s\n${tailOf(logFile)}`,
          ),
        ),
      timeoutMs,
    );
    const onExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      fail(
        new Error(
          `npm start stopped (${signal ?? `exit ${code}`}) before it was up\n${tailOf(logFile)}`,
        ),
      );
    };
    child.on('exit', onExit);
    child.stderr?.pipe(log, { end: false });
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // "[start]   admin        http://127.0.0.1:4200/"
        const match = /^\[start\]\s+(admin|api|sync-worker)\s+(\S+)/.exec(line);
        if (match?.[1] && match[2]) urls[match[1]] = match[2];
        if (line.startsWith('[start] Ctrl+C stops everything')) {
          clearTimeout(timer);
          child.off('exit', onExit);
          const { admin, api, 'sync-worker': worker } = urls;
          if (!admin || !api || !worker) {
            fail(new Error(`npm start printed no URL for ${line}`));
            return;
          }
          done({
            adminUrl: admin.replace(/\/$/, ''),
            apiUrl: api.replace(/\/$/, ''),
            workerUrl: worker,
          });
        }
      }
    });
  });
}

function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no output)';
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGTERM lets start.mjs stop its apps in order; SIGKILL whatever lingers. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) =>
      child.once('exit', () => done()),
    );
    killGroup(child, 'SIGTERM');
    await Promise.race([
      exited,
      new Promise((done) => setTimeout(done, 10_000).unref()),
    ]);
  }
  killGroup(child, 'SIGKILL');
}

async function dropDatabase(name: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({
    connectionString: 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${prefix}*`,
        'COUNT',
        500,
      );
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
