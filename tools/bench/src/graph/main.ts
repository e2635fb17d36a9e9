// npm run bench:graph -- [--messages 20500] [--window-ms 60000] [--limit 10000] [--page-size 999]
//
// One mailbox of >= 20,000 messages behind Graph's limits (10,000 requests per
// window, 4 concurrent per app and mailbox), the window scaled down from 10
// minutes to 1 so the run takes about two minutes; the window must stay long
// enough that the throttle, not this machine, is the bottleneck. A
// header-based sync of both folders (delta pages with the Mail.ReadBasic.All
// app) feeding full fetches of every message with the Mail.Read.All app, the
// worst case for the throttle. Prints the figures and writes them to
// bench/results/graph.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphMailClient, GraphUsageCounter } from '@headersync/graph-client';
import type { FetchResult, FullMessage } from '@headersync/graph-client';
import {
  findWorkspaceRoot,
  spawnGraphSimulator,
} from '@headersync/graph-client/testing';
import {
  minimumRequests,
  percent,
  throttleCeilingPerSecond,
  throttleMinimumMs,
} from './graph-bench.util.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '20500' },
    'window-ms': { type: 'string', default: '60000' },
    limit: { type: 'string', default: '10000' },
    'page-size': { type: 'string', default: '999' },
    seed: { type: 'string', default: '42' },
  },
});
const MESSAGES = Number(values.messages);
const WINDOW_MS = Number(values['window-ms']);
const LIMIT = Number(values.limit);
const PAGE_SIZE = Number(values['page-size']);
const FETCH_GROUP = 500;

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const root = findWorkspaceRoot();
  process.stdout.write(
    `Starting the Graph simulator: 1 mailbox, ${MESSAGES} messages, ${LIMIT} requests per ${WINDOW_MS} ms...\n`,
  );
  const sim = await spawnGraphSimulator(
    [
      '--seed',
      String(values.seed),
      '--mailboxes',
      '1',
      '--messages',
      String(MESSAGES),
      '--throttle-limit',
      String(LIMIT),
      '--throttle-window-ms',
      String(WINDOW_MS),
      '--throttle-concurrency',
      '4',
      '--quiet',
    ],
    { workspaceRoot: root, startTimeoutMs: 300_000 },
  );
  const counter = new GraphUsageCounter();
  const client = GraphMailClient.fromApps({
    tenantId: sim.credentials.tenantId,
    authorityUrl: sim.credentials.authorityUrl,
    graphBaseUrl: sim.credentials.graphBaseUrl,
    ca: sim.ca,
    apps: {
      header: {
        clientId: sim.credentials.readBasic.clientId,
        credential: {
          kind: 'secret',
          clientSecret: sim.credentials.readBasic.clientSecret,
        },
      },
      body: {
        clientId: sim.credentials.clientId,
        credential: {
          kind: 'secret',
          clientSecret: sim.credentials.clientSecret,
        },
      },
    },
    listener: counter,
  });
  const memory = { rss: 0, heap: 0 };
  const sampleMemory = () => {
    const m = process.memoryUsage();
    memory.rss = Math.max(memory.rss, m.rss);
    memory.heap = Math.max(memory.heap, m.heapUsed);
  };
  const sampler = setInterval(sampleMemory, 50);
  // Ctrl-C: stop the simulator too (process exit would kill it, but tidily).
  const interrupt = () => {
    void sim.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const mailbox = sim.credentials.users[0]?.id;
    if (!mailbox) throw new Error('the simulator created no mailbox');
    // Sign in before the clock starts: token acquisition is not Graph traffic.
    await client.getUser(mailbox);
    await sim.control.resetAccounting();

    const started = performance.now();
    const folderSizes: Record<string, number> = {};
    const ids: string[] = [];
    let headerPages = 0;
    let headerFetches = 0;
    let headerPassMs = 0;
    let fetched = 0;
    let missing = 0;
    const failedIds: string[] = [];
    let bodyChars = 0;

    // The header pass feeds the fetches as pages arrive, as the sync worker
    // does: the body app's budget starts working after the first page.
    const pending: string[] = [];
    let headerDone = false;
    const waiters: Array<() => void> = [];
    const notify = () => waiters.splice(0).forEach((wake) => wake());
    const headerPass = Promise.all(
      ['inbox', 'sentitems'].map(async (folder) => {
        let n = 0;
        for await (const page of client.folderHeaderPages(mailbox, folder, {
          pageSize: PAGE_SIZE,
        })) {
          headerPages++;
          n += page.messages.length;
          const pageIds = page.messages.map((m) => m.id);
          ids.push(...pageIds);
          if (page.missingHeaderIds.length > 0) {
            headerFetches += page.missingHeaderIds.length;
            await client.fetchInternetMessageHeaders(
              mailbox,
              page.missingHeaderIds,
            );
          }
          pending.push(...pageIds);
          notify();
        }
        folderSizes[folder] = n;
      }),
    ).finally(() => {
      headerDone = true;
      headerPassMs = performance.now() - started;
      notify();
    });
    const account = (result: FetchResult<FullMessage>) => {
      fetched += result.items.length;
      missing += result.missing.length;
      for (const item of result.items)
        bodyChars += item.body?.content.length ?? 0;
      failedIds.push(...result.failed.map((f) => f.id));
    };
    // Two groups in flight: while one group's last batch runs, the next
    // group's first batch already waits in the mailbox limiter.
    const worker = async (): Promise<void> => {
      for (;;) {
        if (
          pending.length >= FETCH_GROUP ||
          (headerDone && pending.length > 0)
        ) {
          account(
            await client.fetchFullMessages(
              mailbox,
              pending.splice(0, FETCH_GROUP),
            ),
          );
        } else if (headerDone) {
          return;
        } else {
          await new Promise<void>((resolve) => waiters.push(resolve));
        }
      }
    };
    await Promise.all([headerPass, worker(), worker()]);
    // A worker would reschedule failures; the bench retries them once.
    if (failedIds.length > 0)
      account(await client.fetchFullMessages(mailbox, failedIds.splice(0)));
    const elapsedMs = performance.now() - started;
    sampleMemory();

    const accounting = await sim.control.accounting();
    const folderCounts = Object.values(folderSizes);
    const minimum =
      minimumRequests(folderCounts, PAGE_SIZE, fetched + missing) +
      headerFetches;
    const used = accounting.requests.total;
    const ceiling = throttleCeilingPerSecond(LIMIT, WINDOW_MS);
    const throughput = fetched / (elapsedMs / 1000);
    // The body app carries the fetches; the header app (its own budget) the pages.
    const bestCaseMs = throttleMinimumMs(fetched + missing, LIMIT, WINDOW_MS);
    const result = {
      date: new Date().toISOString(),
      config: {
        messages: MESSAGES,
        limit: LIMIT,
        windowMs: WINDOW_MS,
        concurrency: 4,
        pageSize: PAGE_SIZE,
      },
      folders: folderSizes,
      requests: {
        used,
        minimum,
        overheadPercent: percent(used - minimum, minimum),
        clientCounted: counter.graphRequests,
        httpRequests: counter.httpRequests,
        headerPages,
        headerBatchItems: headerFetches,
        fetchedMessages: fetched,
        missingMessages: missing,
        unfetched: failedIds.length,
        throttled: accounting.throttled,
        retryAfterViolations: accounting.retryAfterViolations,
        maxConcurrency: accounting.maxConcurrencyByMailbox[mailbox] ?? 0,
      },
      throughput: {
        messagesPerSecond: Math.round(throughput * 10) / 10,
        ceilingMessagesPerSecond: Math.round(ceiling * 10) / 10,
        percentOfCeiling: percent(throughput, ceiling),
        elapsedMs: Math.round(elapsedMs),
        headerPassMs: Math.round(headerPassMs),
        throttleMinimumMs: bestCaseMs,
      },
      bytes: {
        clientHeader: counter.bytes.header,
        clientBody: counter.bytes.body,
        simulatorHeader: accounting.bytes.header,
        simulatorBody: accounting.bytes.body,
        bodyContentChars: bodyChars,
        headerPercentOfTotal: percent(
          counter.bytes.header,
          counter.bytes.header + counter.bytes.body,
        ),
      },
      memory: {
        peakRssMb: Math.round(memory.rss / MB),
        peakHeapMb: Math.round(memory.heap / MB),
      },
      targets: {
        requestsWithin5Percent: used <= minimum * 1.05,
        throughputAtLeast90Percent: throughput >= ceiling * 0.9,
      },
    };

    const out = join(root, 'bench/results/graph.json');
    await mkdir(join(root, 'bench/results'), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    const lines = [
      '',
      `Graph bench: ${ids.length} messages (${Object.entries(folderSizes)
        .map(([f, n]) => `${f} ${n}`)
        .join(', ')}), ` +
        `${LIMIT} requests / ${WINDOW_MS / 1000} s window, 4 concurrent`,
      `  requests   ${used} used vs ${minimum} minimum (+${result.requests.overheadPercent}%); ` +
        `${accounting.throttled} throttled, ${accounting.retryAfterViolations} Retry-After violations, max ${result.requests.maxConcurrency} concurrent`,
      `  throughput ${result.throughput.messagesPerSecond} messages/s vs ceiling ${result.throughput.ceilingMessagesPerSecond}/s ` +
        `(${result.throughput.percentOfCeiling}%), ${(elapsedMs / 1000).toFixed(1)} s total, header pass ${(headerPassMs / 1000).toFixed(1)} s`,
      `  bytes      header ${(counter.bytes.header / MB).toFixed(1)} MB vs body ${(counter.bytes.body / MB).toFixed(1)} MB ` +
        `(${result.bytes.headerPercentOfTotal}% header)`,
      `  memory     peak RSS ${result.memory.peakRssMb} MB, peak heap ${result.memory.peakHeapMb} MB`,
      `  targets    requests within 5%: ${result.targets.requestsWithin5Percent ? 'yes' : 'NO'}; ` +
        `throughput >= 90%: ${result.targets.throughputAtLeast90Percent ? 'yes' : 'NO'}`,
      `  written to ${out}`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    if (
      !result.targets.requestsWithin5Percent ||
      !result.targets.throughputAtLeast90Percent
    )
      process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    client.close();
    await sim.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `bench:graph failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exitCode = 1;
});
