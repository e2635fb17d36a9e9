#!/usr/bin/env node
// `npm start`: brings up the whole product on one machine. Checks PostgreSQL and
// Redis, creates the database, runs the migrations, builds and starts api,
// sync-worker and admin, prints their URLs, and stops them all on Ctrl+C or
// when one of them dies. Without a configured Microsoft 365 endpoint
// (GRAPH_AUTHORITY_HOST), it also starts the Graph simulator with a generated
// tenant and has the api seed a demo org against it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

const env = { ...process.env };
// HEADERSYNC_DATA_DIR lets a second stack (the browser tests) keep its key and
// simulator state apart from a developer's running `npm start`.
const DATA_DIR = resolve(ROOT, env.HEADERSYNC_DATA_DIR ?? '.data');
// Decided before startGraphSimulator() sets GRAPH_AUTHORITY_HOST itself.
const useSimulator = !env.GRAPH_AUTHORITY_HOST;
const children = [];
let stopping = false;
env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/headersync';
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
env.API_PORT ??= '3000';
env.WORKER_PORT ??= '3001';
env.ADMIN_PORT ??= '4200';
env.NX_DAEMON ??= 'false';
env.NX_NO_CLOUD ??= 'true';

function say(line) {
  process.stdout.write(`[start] ${line}\n`);
}

function fail(line) {
  process.stderr.write(`npm start: ${line}\n`);
  stopping = true;
  for (const { child } of children) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  process.exit(1);
}

/** A local development key, kept out of git in .data/, so `npm start` needs no setup. */
function ensureDevEncryptionKey() {
  if (env.HEADERSYNC_ENCRYPTION_KEY) return;
  if (env.NODE_ENV === 'production') {
    fail(
      'HEADERSYNC_ENCRYPTION_KEY is missing: production never uses a generated key',
    );
  }
  const file = join(DATA_DIR, 'dev-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
    });
    say(`generated a local encryption key in ${file}`);
  }
  env.HEADERSYNC_ENCRYPTION_KEY = readFileSync(file, 'utf8').trim();
}

async function checkPostgres() {
  const { default: pg } = await import('pg');
  const target = new URL(env.DATABASE_URL);
  const database = decodeURIComponent(target.pathname.slice(1)) || 'postgres';
  // Connect to the maintenance database: the product's own may not exist yet.
  const maintenance = new URL(target);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({
    connectionString: maintenance.href,
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
  } catch (error) {
    fail(
      `PostgreSQL does not answer at ${target.host} (${error.code ?? error.message}). ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start  (or: docker compose up -d postgres)',
    );
  }
  try {
    const { rowCount } = await client.query(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [database],
    );
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      say(`created database ${database}`);
    }
  } finally {
    await client.end();
  }
}

async function checkRedis() {
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(
      `Redis does not answer at ${new URL(env.REDIS_URL).host} (${error.code ?? error.message}). ` +
        'Start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no  (or: docker compose up -d redis)',
    );
  } finally {
    redis.disconnect();
  }
}

function runStep(label, command, args) {
  say(label);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0)
    fail(`${label} failed (exit ${result.status ?? result.signal})`);
}

async function waitForFile(name, file, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      fail(`${name} exited with code ${child.exitCode} while starting`);
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
    await new Promise((done) => setTimeout(done, 250));
  }
  fail(`${name} did not become ready within 120 s`);
}

/** The local Microsoft Graph, used whenever no real one is configured. */
async function startGraphSimulator() {
  const stateDir = join(DATA_DIR, 'graph-simulator');
  const credentialsFile = join(stateDir, 'credentials.json');
  mkdirSync(stateDir, { recursive: true });
  rmSync(credentialsFile, { force: true });
  const simulator = startProcess('graph-simulator', process.execPath, [
    join(ROOT, 'tools/graph-simulator/dist/main.js'),
    '--port',
    env.GRAPH_SIMULATOR_PORT ?? '4443',
    '--seed',
    env.DEMO_SEED ?? '42',
    '--mailboxes',
    env.DEMO_MAILBOXES ?? '5',
    '--messages',
    env.DEMO_MESSAGES ?? '400',
    '--state-dir',
    stateDir,
    '--credentials-out',
    credentialsFile,
    '--quiet',
  ]);
  const credentials = await waitForFile(
    'graph-simulator',
    credentialsFile,
    simulator,
  );
  env.GRAPH_AUTHORITY_HOST = credentials.baseUrl;
  env.GRAPH_BASE_URL = credentials.graphBaseUrl;
  env.GRAPH_CA_CERT_PATH = credentials.caCertPath;
  env.DEMO_SIMULATOR_CREDENTIALS = credentialsFile;
  // "Sign in with Microsoft" against the simulated tenant, with its app.
  env.MICROSOFT_SIGNIN_CLIENT_ID ??= credentials.clientId;
  env.MICROSOFT_SIGNIN_CLIENT_SECRET ??= credentials.clientSecret;
  env.MICROSOFT_SIGNIN_TENANT ??= credentials.tenantId;
  return credentials;
}

async function waitForHealth(name, url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      fail(`${name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  fail(`${name} did not report healthy at ${url} within 60 s`);
}

function startProcess(name, command, args) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `npm start: ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest\n`,
    );
    stopAll(1);
  });
  return child;
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of children) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map(({ child }) =>
      child.exitCode === null
        ? new Promise((done) => child.on('exit', done))
        : undefined,
    ),
  ).then(() => process.exit(code));
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
  ensureDevEncryptionKey();
  await checkPostgres();
  await checkRedis();

  const nx = join(ROOT, 'node_modules/.bin/nx');
  const apps = ['api', 'sync-worker', 'admin'];
  if (useSimulator) apps.push('graph-simulator');
  runStep(`building ${apps.join(', ')}`, nx, [
    'run-many',
    '-t',
    'build',
    '-p',
    apps.join(','),
    '--output-style=static',
  ]);
  const scripts =
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
  if (scripts['db:migrate'])
    runStep('running migrations', 'npm', ['run', '-s', 'db:migrate']);

  const simulator = useSimulator ? await startGraphSimulator() : undefined;

  const api = startProcess('api', process.execPath, [
    join(ROOT, 'apps/api/dist/main.js'),
  ]);
  const worker = startProcess('sync-worker', process.execPath, [
    join(ROOT, 'apps/sync-worker/dist/main.js'),
  ]);
  const vite = join(ROOT, 'node_modules/.bin/vite');
  const admin = startProcess('admin', vite, [
    'preview',
    '--config',
    join(ROOT, 'apps/admin/vite.config.mts'),
    // Vite refuses a second preview of one project; with their own ports
    // (ADMIN_PORT), two stacks may run side by side (the browser tests beside
    // a developer's), and strictPort still refuses a port in use.
    '--bypass-lock',
  ]);

  await waitForHealth(
    'api',
    `http://127.0.0.1:${env.API_PORT}/api/health`,
    api,
  );
  await waitForHealth(
    'sync-worker',
    `http://127.0.0.1:${env.WORKER_PORT}/health`,
    worker,
  );
  await waitForHealth('admin', `http://127.0.0.1:${env.ADMIN_PORT}/`, admin);

  say('Headersync is up:');
  say(`  admin        http://127.0.0.1:${env.ADMIN_PORT}/`);
  say(
    `  api          http://127.0.0.1:${env.API_PORT}/api  (OpenAPI: /api/docs, health: /api/health)`,
  );
  say(
    `  sync-worker  http://127.0.0.1:${env.WORKER_PORT}/health  (metrics: /metrics)`,
  );
  if (simulator) {
    say(
      `  graph        ${simulator.graphBaseUrl}  (simulated tenant ${simulator.tenantId}, ${simulator.users.length} mailboxes)`,
    );
  }
  if (simulator) {
    // The api seeds these into an empty database (apps/api DemoSeedService).
    // Only the published defaults are printed: a password someone set
    // stays out of terminals and logs.
    const shown = (name, fallback) =>
      env[name] === undefined ? fallback : `(from ${name})`;
    say(
      `  demo admin   ${env.DEMO_ADMIN_EMAIL ?? 'admin@demo.headersync.local'} / ${shown('DEMO_ADMIN_PASSWORD', 'headersync-demo-admin')}`,
    );
    say(
      `  demo member  ${env.DEMO_MEMBER_EMAIL ?? 'member@demo.headersync.local'} / ${shown('DEMO_MEMBER_PASSWORD', 'headersync-demo-member')}`,
    );
  }
  say('Ctrl+C stops everything.');
}

main().catch((error) => {
  fail(error instanceof Error ? error.message : String(error));
  stopAll(1);
});
