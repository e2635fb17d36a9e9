// npm run bench:sync -- [--mailboxes 50] [--messages 2000] [--seed 42]
//   [--throttle-limit 10000] [--throttle-window-ms 600000] [--page-size 200]
//   [--timeout-seconds 1200]
//
// One seeded tenant synced twice by the BUILT sync worker against real
// PostgreSQL (a fresh database per mode) and Redis (a key prefix per mode):
// first with the org's "sync emails based on headers only" switch off (the
// standard sync: every message downloaded in full), then on. Prints per mode
// wall time, messages per second, Graph requests and bytes (the simulator's
// accounting), the worker's peak RSS and Redis memory per mailbox, the ratios
// header-based / standard, parity of the stored sets, and the targets.
// Writes bench/results/sync.json and bench/results/sync.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  findWorkspaceRoot,
  spawnGraphSimulator,
  type RunningGraphSimulator,
} from '@headersync/graph-client/testing';
import {
  createBenchTenant,
  readCpuSeconds,
  redisUsage,
  resetThrottle,
  runTotals,
  startBenchWorker,
  storedSet,
  waitForFirstSync,
  type BenchTenant,
  type BenchWorker,
  type SimTenant,
} from './sync-bench-tenant.util.js';
import {
  checkTargets,
  minimumSyncRequests,
  ratio,
  ratiosOf,
  renderMarkdown,
  renderText,
  throttleMinimumSeconds,
  type MailboxWork,
  type ModeFigures,
  type SyncBenchMode,
  type ThrottleSettings,
} from './sync-bench.util.js';
import { positiveInteger } from '../cli-args.util.js';

const { values } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '50' },
    messages: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '42' },
    'throttle-limit': { type: 'string', default: '10000' },
    'throttle-window-ms': { type: 'string', default: '600000' },
    // The worker's own default (SYNC_PAGE_SIZE): the benchmark measures the product as shipped.
    'page-size': { type: 'string', default: '200' },
    'timeout-seconds': { type: 'string', default: '1200' },
    keep: { type: 'boolean', default: false },
    // The worker paces itself under the throttle it is told (as production is
    // told Outlook's 10,000 per 10 minutes); --no-pacing leaves it to 429s.
    'no-pacing': { type: 'boolean', default: false },
  },
});

/** What an interrupt must clean up besides the simulator. */
const running: { worker?: BenchWorker; org?: BenchTenant } = {};

interface ModeRun {
  readonly figures: ModeFigures;
  readonly stored: string[];
  readonly failedMailboxes: ReadonlyArray<{ upn: string; reason: string }>;
  readonly byEndpoint: Record<string, number>;
}

async function runMode(input: {
  readonly root: string;
  readonly sim: RunningGraphSimulator;
  readonly tenant: SimTenant;
  readonly mode: SyncBenchMode;
  readonly pageSize: number;
  readonly throttle: ThrottleSettings;
  readonly pacing: boolean;
  readonly timeoutMs: number;
  readonly keep: boolean;
}): Promise<ModeRun> {
  const { sim, tenant, mode } = input;
  const org: BenchTenant = await createBenchTenant(
    sim,
    tenant,
    mode === 'headerBased',
  );
  running.org = org;
  try {
    // Each mode starts with untouched budgets and empty counters.
    await resetThrottle(sim);
    await sim.control.resetAccounting();
    const simPid = sim.process.pid ?? 0;
    const simCpuBefore = await readCpuSeconds(simPid);
    const spawnedAt = Date.now();
    const worker = await startBenchWorker(input.root, sim, org, {
      pageSize: input.pageSize,
      requestBudget: input.pacing ? input.throttle : undefined,
    });
    running.worker = worker;
    let peakRssBytes = 0;
    let workerCpuSeconds = 0;
    let simulatorCpuSeconds = 0;
    let redis = { keys: 0, bytes: 0 };
    try {
      await waitForFirstSync(org, worker, input.timeoutMs);
      peakRssBytes = await worker.peakRssBytes();
      workerCpuSeconds = await worker.cpuSeconds();
      simulatorCpuSeconds = (await readCpuSeconds(simPid)) - simCpuBefore;
      // Still connected: what Redis holds for the mailboxes between runs.
      redis = await redisUsage(org.redisPrefix);
    } finally {
      await worker.stop();
      delete running.worker;
    }
    const doneAt = Date.now();
    const accounting = await sim.control.accounting();
    const totals = await runTotals(org);
    const work: MailboxWork[] = tenant.users.map((u) => ({
      folderSizes: Object.values(u.folders).map((f) => f.messageCount),
      fetched:
        totals.fetchedByMailbox.get(u.userPrincipalName.toLowerCase()) ?? 0,
    }));
    const seconds =
      (totals.finishedAt.getTime() - totals.startedAt.getTime()) / 1000;
    const minimumSeconds = throttleMinimumSeconds(
      work,
      input.pageSize,
      input.throttle,
    );
    const figures: ModeFigures = {
      seconds: round(seconds, 2),
      wallSeconds: round((doneAt - spawnedAt) / 1000, 2),
      messages: totals.seen,
      messagesPerSecond: round(totals.seen / seconds, 1),
      fetchedMessages: totals.fetched,
      storedMessages: totals.stored,
      graphRequests: accounting.requests.total,
      minimumRequests: minimumSyncRequests(work, input.pageSize),
      httpRequests: (accounting.requests as { http?: number }).http ?? 0,
      throttled: accounting.throttled,
      maxConcurrencyPerMailbox: Math.max(
        0,
        ...Object.values(accounting.maxConcurrencyByMailbox),
      ),
      bytesDownloaded: accounting.bytes.total,
      bytesHeader: accounting.bytes.header,
      bytesBody: accounting.bytes.body,
      peakRssBytes,
      workerCpuSeconds: round(workerCpuSeconds, 1),
      simulatorCpuSeconds: round(simulatorCpuSeconds, 1),
      redisBytes: redis.bytes,
      redisKeys: redis.keys,
      redisBytesPerMailbox: Math.round(redis.bytes / org.mailboxes),
      throttleMinimumSeconds: round(minimumSeconds, 2),
      ceilingMessagesPerSecond: round(
        minimumSeconds > 0 ? totals.seen / minimumSeconds : 0,
        1,
      ),
    };
    return {
      figures,
      stored: await storedSet(org),
      failedMailboxes: totals.failedMailboxes,
      byEndpoint: accounting.requests.byEndpoint,
    };
  } finally {
    if (input.keep)
      process.stdout.write(`  kept ${mode} database ${org.db.databaseUrl}\n`);
    else await org.drop();
    delete running.org;
  }
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

async function main(): Promise<void> {
  const mailboxes = positiveInteger('mailboxes', values.mailboxes);
  const messages = positiveInteger('messages', values.messages);
  const throttle: ThrottleSettings = {
    limit: positiveInteger('throttle-limit', values['throttle-limit']),
    windowMs: positiveInteger(
      'throttle-window-ms',
      values['throttle-window-ms'],
    ),
  };
  const pageSize = positiveInteger('page-size', values['page-size']);
  const timeoutMs =
    positiveInteger('timeout-seconds', values['timeout-seconds']) * 1000;
  const root = findWorkspaceRoot();

  process.stdout.write(
    `Starting the Graph simulator: ${mailboxes} mailboxes, ${messages} messages each, ` +
      `${throttle.limit} requests per ${throttle.windowMs / 1000} s per app and mailbox...\n`,
  );
  const started = Date.now();
  const sim = await spawnGraphSimulator(
    [
      '--seed',
      String(values.seed),
      '--mailboxes',
      String(mailboxes),
      '--messages',
      String(messages),
      '--throttle-limit',
      String(throttle.limit),
      '--throttle-window-ms',
      String(throttle.windowMs),
      '--throttle-concurrency',
      '4',
      '--quiet',
    ],
    { workspaceRoot: root, startTimeoutMs: 600_000 },
  );
  // Ctrl-C: stop the worker and the simulator, drop the database.
  const interrupt = () => {
    void (async () => {
      await running.worker?.stop();
      await running.org?.drop();
      await sim.stop();
    })().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const tenant = (await sim.control.tenant()) as unknown as SimTenant;
    const runs: Partial<Record<SyncBenchMode, ModeRun>> = {};
    for (const mode of ['standard', 'headerBased'] as const) {
      process.stdout.write(`Syncing in ${mode} mode...\n`);
      runs[mode] = await runMode({
        root,
        sim,
        tenant,
        mode,
        pageSize,
        throttle,
        pacing: !values['no-pacing'],
        timeoutMs,
        keep: values.keep ?? false,
      });
      process.stdout.write(
        `  ${mode}: ${runs[mode].figures.seconds} s, ${runs[mode].figures.messages} messages\n`,
      );
    }
    const standard = runs.standard as ModeRun;
    const headerBased = runs.headerBased as ModeRun;
    const parity =
      standard.stored.length > 0 &&
      JSON.stringify(standard.stored) === JSON.stringify(headerBased.stored);
    const targets = checkTargets({
      standard: standard.figures,
      headerBased: headerBased.figures,
    });
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      config: {
        mailboxes,
        messages,
        seed: Number(values.seed),
        pageSize,
        throttle: { ...throttle, concurrency: 4 },
        pacing: !values['no-pacing'],
      },
      standard: standard.figures,
      headerBased: headerBased.figures,
      ratios: ratiosOf(headerBased.figures, standard.figures),
      relevantShare: ratio(
        headerBased.figures.fetchedMessages,
        standard.figures.fetchedMessages,
      ),
      parity,
      failedMailboxes: {
        standard: standard.failedMailboxes,
        headerBased: headerBased.failedMailboxes,
      },
      requestsByEndpoint: {
        standard: standard.byEndpoint,
        headerBased: headerBased.byEndpoint,
      },
      targets,
      totalSeconds: round((Date.now() - started) / 1000, 1),
    };
    const dir = join(root, 'bench/results');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'sync.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const title = `Sync benchmark: ${mailboxes} mailboxes x ${messages} messages, ${throttle.limit} requests / ${throttle.windowMs / 1000} s per app and mailbox`;
    await writeFile(
      join(dir, 'sync.md'),
      renderMarkdown({
        title,
        standard: standard.figures,
        headerBased: headerBased.figures,
        parity,
        targets,
      }),
    );
    process.stdout.write(
      `\n${title}\n\n${renderText({
        standard: standard.figures,
        headerBased: headerBased.figures,
        parity,
        targets,
      })}`,
    );
    for (const [mode, run] of Object.entries(runs))
      for (const f of run.failedMailboxes)
        process.stdout.write(
          `  ${mode}: mailbox ${f.upn} in error: ${f.reason}\n`,
        );
    process.stdout.write(
      `  whole run ${result.totalSeconds} s; written to ${dir}/sync.json and sync.md\n`,
    );
    if (!parity || targets.some((t) => !t.met)) process.exitCode = 1;
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:sync failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
