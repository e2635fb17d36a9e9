// npm run bench:api -- [--messages 200000] [--prospects 50000] [--mailboxes 20]
//   [--import-rows 100000] [--concurrency 8] [--seconds 8] [--keep]
//
// The BUILT api (apps/api/dist/main.js) on a fresh, migrated database seeded
// with one org of 200,000 stored messages (server-side INSERT ... SELECT
// FROM generate_series: seconds, not minutes). Measures requests per second
// and p95 latency of the list endpoints (stored messages, prospects,
// mailboxes) with concurrent keep-alive clients paging through their
// cursors, then streams a generated 100,000-row prospects CSV to
// POST /api/v1/prospects/import while sampling the api process's resident
// set (start, peak, end: a streamed import keeps it flat). Prints the
// figures and writes bench/results/api.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import { findWorkspaceRoot } from '@headersync/graph-client/testing';
import { deleteRedisKeys } from '@headersync/settings/testing';
import {
  megabytes,
  peakByQuarter,
  prospectCsvChunks,
  renderEndpointTable,
  rssGrowth,
  summariseEndpoint,
  type EndpointFigures,
  type RssFigures,
} from './api-bench.util.js';
import { positiveInteger } from '../cli-args.util.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    prospects: { type: 'string', default: '50000' },
    mailboxes: { type: 'string', default: '20' },
    'import-rows': { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
});

const MESSAGES = positiveInteger('messages', values.messages);
const PROSPECTS = positiveInteger('prospects', values.prospects);
const MAILBOXES = positiveInteger('mailboxes', values.mailboxes);
const IMPORT_ROWS = positiveInteger('import-rows', values['import-rows']);
const CONCURRENCY = positiveInteger('concurrency', values.concurrency);
const SECONDS = positiveInteger('seconds', values.seconds);
const REDIS_URL = 'redis://127.0.0.1:6379';
const API_REDIS_PREFIX = `hs-bench-api-${process.pid}`;
/** Pages a client follows through nextCursor before starting over. */
const PAGES_PER_WALK = 10;
/** One bad row in this many, so the per-row error report is exercised. */
const IMPORT_BAD_EVERY = 1000;

interface Seeded {
  readonly orgId: string;
  readonly token: string;
  readonly seconds: number;
}

/** One org, an admin with an API token, mailboxes, stored messages and prospects. */
async function seed(db: TestDatabase): Promise<Seeded> {
  const started = performance.now();
  const q = <T>(sql: string, params: unknown[] = []) =>
    db.dataSource.query<T>(sql, params);
  const [org] = await q<{ id: string }[]>(
    `INSERT INTO "organization" ("name") VALUES ('Bench org') RETURNING "id"`,
  );
  if (!org) throw new Error('seeding the organization returned no row');
  const [user] = await q<{ id: string }[]>(
    `INSERT INTO "app_user" ("org_id", "email", "display_name", "role")
     VALUES ($1, 'bench-admin@contoso.example', 'Bench Admin', 'admin') RETURNING "id"`,
    [org.id],
  );
  if (!user) throw new Error('seeding the admin returned no row');
  const token = `hst_${randomBytes(32).toString('base64url')}`;
  await q(
    `INSERT INTO "api_token" ("org_id", "user_id", "name", "token_hash") VALUES ($1, $2, 'bench', $3)`,
    [org.id, user.id, createHash('sha256').update(token).digest('hex')],
  );
  await q(
    `INSERT INTO "mailbox" ("org_id", "user_principal_name", "last_success_at")
     SELECT $1, 'rep' || g || '@contoso.example', now() - g * interval '1 minute'
     FROM generate_series(0, $2 - 1) AS g`,
    [org.id, MAILBOXES],
  );
  // Generated in the server: one statement per table instead of 200,000
  // round trips. Shapes follow StoredMessageRepository.upsertMany.
  await q(
    `INSERT INTO "stored_message" ("org_id", "dedupe_key", "internet_message_id", "conversation_id",
       "participants", "participant_addresses", "subject", "sent_at", "received_at", "headers",
       "body_content_type", "body_content", "size_bytes", "kind", "rules", "matched_prospects")
     SELECT $1, m.imid, m.imid, 'conv-' || (g / 4),
       jsonb_build_object(
         'from', jsonb_build_object('name', 'Prospect ' || (g % 5000), 'address', m.prospect),
         'sender', NULL,
         'to', jsonb_build_array(jsonb_build_object('address', m.rep)),
         'cc', '[]'::jsonb, 'bcc', '[]'::jsonb, 'replyTo', '[]'::jsonb),
       ARRAY[m.prospect, m.rep], 'Quote ' || g, m.at, m.at,
       jsonb_build_array(jsonb_build_object('name', 'Message-ID', 'value', m.imid)),
       'text', repeat('Thanks for the call, here is the quote we discussed. ', 6),
       2048 + g % 8192,
       (ARRAY['human', 'human', 'human', 'auto-reply', 'bounce', 'calendar'])[1 + g % 6],
       ARRAY['relevance/prospect-participant'], ARRAY[m.prospect]
     FROM generate_series(1, $2) AS g,
     LATERAL (SELECT '<bench-' || g || '@fabrikam.example>' AS imid,
                     'p' || (g % 5000) || '@fabrikam.example' AS prospect,
                     'rep' || (g % $3) || '@contoso.example' AS rep,
                     now() - g * interval '1 minute' AS at) AS m`,
    [org.id, MESSAGES, MAILBOXES],
  );
  await q(
    `INSERT INTO "mailbox_message" ("org_id", "mailbox_id", "stored_message_id", "graph_id", "folder", "direction")
     SELECT s."org_id", mb."id", s."id", 'AAMk-' || s."id", 'inbox', 'inbound'
     FROM "stored_message" s
     JOIN "mailbox" mb ON mb."org_id" = s."org_id"
       AND mb."user_principal_name" = s."participant_addresses"[2]
     WHERE s."org_id" = $1`,
    [org.id],
  );
  await q(
    `INSERT INTO "prospect" ("org_id", "email", "account_domain", "name")
     SELECT $1, 'p' || g || '@fabrikam.example', 'fabrikam.example', 'Prospect ' || g
     FROM generate_series(0, $2 - 1) AS g`,
    [org.id, PROSPECTS],
  );
  await q('ANALYZE');
  return {
    orgId: org.id,
    token,
    seconds: (performance.now() - started) / 1000,
  };
}

function freePort(): Promise<number> {
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

/** VmRSS of /proc/<pid>/status (proc(5)) in bytes, 0 once the process is gone. */
async function readRssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib ? Number(kib) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface RunningApi {
  readonly process: ChildProcess;
  readonly baseUrl: string;
  readonly port: number;
  stderrTail(): string;
  stop(): Promise<void>;
}

async function startApi(root: string, db: TestDatabase): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: db.databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: API_REDIS_PREFIX,
      HEADERSYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      API_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
  });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the api exited on boot: ${tail.trim()}`);
    const ok = await fetch(`${baseUrl}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline)
      throw new Error('the api did not answer /api/health within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    process: child,
    baseUrl,
    port,
    stderrTail: () => tail,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * CONCURRENCY clients, each walking PAGES_PER_WALK pages through nextCursor
 * and starting over, for `seconds` (after a one-second warm-up that is not
 * counted).
 */
async function loadList(
  api: RunningApi,
  token: string,
  name: string,
  path: string,
  seconds: number,
): Promise<EndpointFigures> {
  const headers = { authorization: `Bearer ${token}` };
  const latencies: number[] = [];
  let errors = 0;
  const run = async (until: number, record: boolean) => {
    let cursor: string | null = null;
    let pages = 0;
    while (performance.now() < until) {
      const query = new URLSearchParams({ limit: '50' });
      if (cursor) query.set('cursor', cursor);
      const url = `${api.baseUrl}${path}?${query.toString()}`;
      const started = performance.now();
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { nextCursor?: string | null };
      const elapsed = performance.now() - started;
      if (!response.ok) {
        if (record) errors += 1;
        cursor = null;
        continue;
      }
      if (record) latencies.push(elapsed);
      pages += 1;
      cursor = pages < PAGES_PER_WALK ? (body.nextCursor ?? null) : null;
      if (cursor === null) pages = 0;
    }
  };
  const clients = (until: number, record: boolean) =>
    Promise.all(Array.from({ length: CONCURRENCY }, () => run(until, record)));
  await clients(performance.now() + 1000, false);
  const started = performance.now();
  await clients(started + seconds * 1000, true);
  return summariseEndpoint({
    name,
    path,
    latenciesMs: latencies,
    errors,
    seconds: (performance.now() - started) / 1000,
  });
}

interface ImportFigures {
  readonly rows: number;
  readonly upserted: number;
  readonly rejected: number;
  readonly bodyBytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly rss: RssFigures;
  /** The highest resident set in each quarter of the import's duration: flat if streamed. */
  readonly rssPeakByQuarterBytes: number[];
}

/** Streams the CSV with chunked transfer encoding, writing as the socket drains. */
async function importCsv(
  api: RunningApi,
  token: string,
): Promise<ImportFigures> {
  const pid = api.process.pid;
  if (pid === undefined) throw new Error('the api has no pid');
  // Let the process settle after the list benchmarks before the baseline.
  await new Promise((r) => setTimeout(r, 2000));
  const startBytes = await readRssBytes(pid);
  let peakBytes = startBytes;
  const sampler = setInterval(() => {
    const at = performance.now();
    void readRssBytes(pid).then((bytes) => {
      peakBytes = Math.max(peakBytes, bytes);
      samples.push({ at, bytes });
    });
  }, 100);
  const started = performance.now();
  let bodyBytes = 0;
  const samples: { at: number; bytes: number }[] = [];
  const report = await new Promise<{
    rows: number;
    upserted: number;
    rejected: number;
  }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: api.port,
        method: 'POST',
        path: '/api/v1/prospects/import',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv; charset=utf-8',
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          if (res.statusCode !== 200)
            reject(new Error(`import answered ${res.statusCode}: ${text}`));
          else resolve(JSON.parse(text) as Parameters<typeof resolve>[0]);
        });
      },
    );
    req.on('error', reject);
    const chunks = prospectCsvChunks(IMPORT_ROWS, 1000, IMPORT_BAD_EVERY);
    const write = () => {
      for (;;) {
        const next = chunks.next();
        if (next.done) {
          req.end();
          return;
        }
        bodyBytes += Buffer.byteLength(next.value);
        if (!req.write(next.value)) {
          req.once('drain', write);
          return;
        }
      }
    };
    write();
  });
  const finished = performance.now();
  const seconds = (finished - started) / 1000;
  clearInterval(sampler);
  peakBytes = Math.max(peakBytes, await readRssBytes(pid));
  await new Promise((r) => setTimeout(r, 1000));
  const endBytes = await readRssBytes(pid);
  return {
    ...report,
    bodyBytes,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(report.rows / seconds),
    rss: { startBytes, peakBytes, endBytes },
    rssPeakByQuarterBytes: peakByQuarter(samples, started, finished),
  };
}

async function main(): Promise<void> {
  const root = findWorkspaceRoot();
  const out = process.stdout;
  out.write(
    `Seeding one org: ${MESSAGES} stored messages over ${MAILBOXES} mailboxes, ${PROSPECTS} prospects...\n`,
  );
  const db = await createTestDatabase();
  let api: RunningApi | undefined;
  const cleanUp = async () => {
    await api?.stop();
    await deleteRedisKeys(REDIS_URL, API_REDIS_PREFIX);
    if (!values.keep) await db.drop();
    else out.write(`Kept the database: ${db.databaseUrl}\n`);
  };
  process.once('SIGINT', () => {
    void cleanUp().finally(() => process.exit(130));
  });
  try {
    const seeded = await seed(db);
    out.write(
      `Seeded in ${seeded.seconds.toFixed(1)} s. Starting the built api...\n`,
    );
    api = await startApi(root, db);
    out.write(
      `Measuring ${SECONDS} s per endpoint, ${CONCURRENCY} concurrent clients, 50 rows per page, ${PAGES_PER_WALK} pages per walk...\n`,
    );
    const endpoints: EndpointFigures[] = [];
    for (const [name, path] of [
      ['messages', '/api/v1/messages'],
      ['prospects', '/api/v1/prospects'],
      ['mailboxes', '/api/v1/mailboxes'],
    ] as const)
      endpoints.push(await loadList(api, seeded.token, name, path, SECONDS));
    out.write(`${renderEndpointTable(endpoints)}\n`);

    out.write(`Importing a ${IMPORT_ROWS}-row CSV, streamed...\n`);
    const csv = await importCsv(api, seeded.token);
    const growth = rssGrowth(csv.rss);
    out.write(
      [
        `CSV import: ${csv.rows} rows (${megabytes(csv.bodyBytes)}) in ${csv.seconds} s, ${csv.rowsPerSecond} rows/s; ${csv.upserted} upserted, ${csv.rejected} rejected`,
        `api RSS peak per quarter of the import: ${csv.rssPeakByQuarterBytes.map(megabytes).join(', ')}`,
        `api RSS: start ${megabytes(csv.rss.startBytes)}, peak ${megabytes(csv.rss.peakBytes)}, end ${megabytes(csv.rss.endBytes)} (peak - start ${megabytes(growth.peakOverStartBytes)}, peak / start ${growth.peakOverStartRatio}; the file is ${megabytes(csv.bodyBytes)})`,
      ].join('\n') + '\n',
    );
    const stderr = api.stderrTail().trim();
    if (endpoints.some((e) => e.errors > 0) && stderr)
      out.write(`api stderr (tail):\n${stderr}\n`);

    const results = {
      benchmark: 'api',
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      seed: {
        storedMessages: MESSAGES,
        mailboxes: MAILBOXES,
        prospects: PROSPECTS,
        seconds: Math.round(seeded.seconds * 10) / 10,
      },
      load: {
        concurrency: CONCURRENCY,
        secondsPerEndpoint: SECONDS,
        pageSize: 50,
        pagesPerWalk: PAGES_PER_WALK,
      },
      endpoints,
      csvImport: {
        ...csv,
        badEvery: IMPORT_BAD_EVERY,
        ...growth,
      },
    };
    const dir = join(root, 'bench/results');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'api.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    out.write('Wrote bench/results/api.json\n');
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:api failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
