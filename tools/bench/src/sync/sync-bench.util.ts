// Pure arithmetic and formatting of the sync benchmark: the fewest requests a
// run can take, what the simulator's throttle allows, the ratios between the
// two modes, the targets, and the Markdown table.

export type SyncBenchMode = 'standard' | 'headerBased';

export const SYNC_BENCH_MODES: readonly SyncBenchMode[] = [
  'standard',
  'headerBased',
];

/** The simulator's throttle: `limit` requests per `windowMs` per app and mailbox. */
export interface ThrottleSettings {
  readonly limit: number;
  readonly windowMs: number;
}

/** What one mailbox's run had to do, from the simulator's tenant and the run's counters. */
export interface MailboxWork {
  /** Messages in each synced folder. */
  readonly folderSizes: readonly number[];
  /** Messages downloaded in full (one `$batch` item each). */
  readonly fetched: number;
}

/** The figures of one mode, as written to bench/results/sync.json. */
export interface ModeFigures {
  /** From the first run's start to the last run's end (worker boot excluded). */
  readonly seconds: number;
  /** From spawning the worker to the last mailbox done (boot included). */
  readonly wallSeconds: number;
  /** Messages listed by delta (every message of the synced folders). */
  readonly messages: number;
  readonly messagesPerSecond: number;
  readonly fetchedMessages: number;
  readonly storedMessages: number;
  /** Graph operations the simulator counted ($batch items count one each). */
  readonly graphRequests: number;
  readonly minimumRequests: number;
  readonly httpRequests: number;
  readonly throttled: number;
  readonly maxConcurrencyPerMailbox: number;
  readonly bytesDownloaded: number;
  readonly bytesHeader: number;
  readonly bytesBody: number;
  readonly peakRssBytes: number;
  /** CPU the worker used, boot included (user + system). */
  readonly workerCpuSeconds: number;
  /** CPU the simulator used while the mode ran: with the worker's, how busy the 2 cores were. */
  readonly simulatorCpuSeconds: number;
  readonly redisBytes: number;
  readonly redisKeys: number;
  readonly redisBytesPerMailbox: number;
  /** Seconds the throttle needs at least for this run's requests (see throttleMinimumSeconds). */
  readonly throttleMinimumSeconds: number;
  readonly ceilingMessagesPerSecond: number;
}

export interface SyncRatios {
  readonly seconds: number;
  readonly graphRequests: number;
  readonly bytesDownloaded: number;
  readonly bytesBody: number;
  readonly peakRssBytes: number;
  readonly messagesPerSecond: number;
}

export interface TargetCheck {
  readonly name: string;
  readonly measured: number;
  readonly limit: number;
  readonly comparison: '<=' | '>=';
  readonly met: boolean;
}

/** a / b to three decimals; 0 when there is nothing to divide by. */
export function ratio(a: number, b: number): number {
  if (b === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return Math.round((a / b) * 1000) / 1000;
}

export function ratiosOf(
  header: ModeFigures,
  standard: ModeFigures,
): SyncRatios {
  return {
    seconds: ratio(header.seconds, standard.seconds),
    graphRequests: ratio(header.graphRequests, standard.graphRequests),
    bytesDownloaded: ratio(header.bytesDownloaded, standard.bytesDownloaded),
    bytesBody: ratio(header.bytesBody, standard.bytesBody),
    peakRssBytes: ratio(header.peakRssBytes, standard.peakRssBytes),
    messagesPerSecond: ratio(
      header.messagesPerSecond,
      standard.messagesPerSecond,
    ),
  };
}

/** Delta pages of one folder: at least one, which carries the deltaLink. */
export function deltaPages(folderSize: number, pageSize: number): number {
  return Math.max(1, Math.ceil(folderSize / pageSize));
}

/**
 * Header-app requests of one mailbox's first run: the user lookup that
 * resolves the Graph id, then every delta page of every folder.
 */
export function headerAppRequests(work: MailboxWork, pageSize: number): number {
  return (
    1 + work.folderSizes.reduce((sum, n) => sum + deltaPages(n, pageSize), 0)
  );
}

/**
 * The fewest Graph requests a first sync of these mailboxes can take: per
 * mailbox the header app's requests plus one per fully downloaded message
 * (a `$batch` item is a request to Outlook's throttle:
 * https://learn.microsoft.com/graph/json-batching#throttling).
 */
export function minimumSyncRequests(
  mailboxes: readonly MailboxWork[],
  pageSize: number,
): number {
  return mailboxes.reduce(
    (sum, m) => sum + headerAppRequests(m, pageSize) + m.fetched,
    0,
  );
}

/**
 * The shortest time the throttle lets a run take at its sustained rate.
 * Outlook budgets each (app, mailbox) pair separately
 * (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits),
 * so the mailboxes and the two apps (headers, bodies) run side by side and
 * the busiest pair sets the pace. The first window's budget could be spent
 * in a burst; the sustained rate is what a sync of a real tenant lives with.
 */
export function throttleMinimumSeconds(
  mailboxes: readonly MailboxWork[],
  pageSize: number,
  throttle: ThrottleSettings,
): number {
  const perSecond = throttle.limit / (throttle.windowMs / 1000);
  const busiest = mailboxes.reduce(
    (max, m) => Math.max(max, headerAppRequests(m, pageSize), m.fetched),
    0,
  );
  return busiest / perSecond;
}

/**
 * The targets of the benchmark: header-based mode downloads at most the
 * relevant share of standard's bytes plus 10 points, uses at most 5% more
 * requests than the minimum, and each mode syncs at least 90% of the rate the
 * throttle allows.
 */
export function checkTargets(input: {
  readonly standard: ModeFigures;
  readonly headerBased: ModeFigures;
}): TargetCheck[] {
  const { standard, headerBased } = input;
  // Relevant share: the messages header-based mode had to download, out of
  // every message the standard mode downloaded.
  const relevantShare = ratio(
    headerBased.fetchedMessages,
    standard.fetchedMessages,
  );
  const checks: TargetCheck[] = [
    lessOrEqual(
      'header-based bytes / standard bytes <= relevant share + 0.10',
      ratio(headerBased.bytesDownloaded, standard.bytesDownloaded),
      round3(relevantShare + 0.1),
    ),
  ];
  for (const mode of SYNC_BENCH_MODES) {
    const f = input[mode];
    checks.push(
      lessOrEqual(
        `${mode} requests / minimum <= 1.05`,
        ratio(f.graphRequests, f.minimumRequests),
        1.05,
      ),
    );
  }
  for (const mode of SYNC_BENCH_MODES) {
    const f = input[mode];
    checks.push(
      greaterOrEqual(
        `${mode} throughput / throttle ceiling >= 0.90`,
        ratio(f.messagesPerSecond, f.ceilingMessagesPerSecond),
        0.9,
      ),
    );
  }
  return checks;
}

function lessOrEqual(
  name: string,
  measured: number,
  limit: number,
): TargetCheck {
  return { name, measured, limit, comparison: '<=', met: measured <= limit };
}

function greaterOrEqual(
  name: string,
  measured: number,
  limit: number,
): TargetCheck {
  return { name, measured, limit, comparison: '>=', met: measured >= limit };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const MIB = 1024 * 1024;

function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

interface Row {
  readonly label: string;
  readonly value: (f: ModeFigures) => string;
  readonly ratio?: keyof SyncRatios;
}

const ROWS: readonly Row[] = [
  {
    label: 'sync time (s)',
    value: (f) => formatNumber(f.seconds, 1),
    ratio: 'seconds',
  },
  {
    label: 'wall time incl. worker boot (s)',
    value: (f) => formatNumber(f.wallSeconds, 1),
  },
  {
    label: 'messages per second',
    value: (f) => formatNumber(f.messagesPerSecond, 1),
    ratio: 'messagesPerSecond',
  },
  {
    label: 'throttle ceiling (messages/s)',
    value: (f) => formatNumber(f.ceilingMessagesPerSecond, 1),
  },
  { label: 'messages listed', value: (f) => formatNumber(f.messages) },
  {
    label: 'messages downloaded in full',
    value: (f) => formatNumber(f.fetchedMessages),
  },
  { label: 'messages stored', value: (f) => formatNumber(f.storedMessages) },
  {
    label: 'Graph requests',
    value: (f) => formatNumber(f.graphRequests),
    ratio: 'graphRequests',
  },
  { label: 'minimum requests', value: (f) => formatNumber(f.minimumRequests) },
  { label: '429 answers', value: (f) => formatNumber(f.throttled) },
  {
    label: 'bytes downloaded (MiB)',
    value: (f) => formatNumber(f.bytesDownloaded / MIB, 1),
    ratio: 'bytesDownloaded',
  },
  {
    label: '  header bytes (MiB)',
    value: (f) => formatNumber(f.bytesHeader / MIB, 1),
  },
  {
    label: '  body bytes (MiB)',
    value: (f) => formatNumber(f.bytesBody / MIB, 1),
    ratio: 'bytesBody',
  },
  {
    label: 'worker peak RSS (MiB)',
    value: (f) => formatNumber(f.peakRssBytes / MIB, 1),
    ratio: 'peakRssBytes',
  },
  {
    // Bytes, not KiB: the worker keeps no message data in Redis, so a
    // mailbox costs a share of a few queue keys.
    label: 'Redis per mailbox (bytes)',
    value: (f) => formatNumber(f.redisBytesPerMailbox),
  },
  {
    label: 'worker CPU (s)',
    value: (f) => formatNumber(f.workerCpuSeconds, 1),
  },
  {
    label: 'simulator CPU (s)',
    value: (f) => formatNumber(f.simulatorCpuSeconds, 1),
  },
  {
    label: 'Redis keys after the run',
    value: (f) => formatNumber(f.redisKeys),
  },
];

/** The per-mode figures, the ratios and the targets as a Markdown document. */
export function renderMarkdown(input: {
  readonly title: string;
  readonly standard: ModeFigures;
  readonly headerBased: ModeFigures;
  readonly parity: boolean;
  readonly targets: readonly TargetCheck[];
}): string {
  const ratios = ratiosOf(input.headerBased, input.standard);
  const lines = [
    `# ${input.title}`,
    '',
    '| | standard | header-based | header-based / standard |',
    '|---|---:|---:|---:|',
    ...ROWS.map((row) => {
      const r = row.ratio ? formatNumber(ratios[row.ratio], 3) : '';
      return `| ${row.label.trim()} | ${row.value(input.standard)} | ${row.value(input.headerBased)} | ${r} |`;
    }),
    '',
    `Parity (same stored set, kinds and matched prospects): ${input.parity ? 'yes' : 'NO'}`,
    '',
    '| target | measured | limit | met |',
    '|---|---:|---:|---|',
    ...input.targets.map(
      (t) =>
        `| ${t.name} | ${formatNumber(t.measured, 3)} | ${t.comparison} ${formatNumber(t.limit, 3)} | ${t.met ? 'yes' : 'NO'} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** The same figures as aligned plain text for the terminal. */
export function renderText(input: {
  readonly standard: ModeFigures;
  readonly headerBased: ModeFigures;
  readonly parity: boolean;
  readonly targets: readonly TargetCheck[];
}): string {
  const ratios = ratiosOf(input.headerBased, input.standard);
  const table = [
    ['', 'standard', 'header-based', 'ratio'],
    ...ROWS.map((row) => [
      row.label,
      row.value(input.standard),
      row.value(input.headerBased),
      row.ratio ? formatNumber(ratios[row.ratio], 3) : '',
    ]),
  ];
  const widths = [0, 1, 2, 3].map((c) =>
    Math.max(...table.map((r) => (r[c] ?? '').length)),
  );
  const lines = table.map((r) =>
    r
      .map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.push('', `parity  ${input.parity ? 'yes' : 'NO'}`, 'targets');
  for (const t of input.targets)
    lines.push(
      `  ${t.met ? 'met    ' : 'NOT MET'}  ${t.name}: ${formatNumber(t.measured, 3)} (${t.comparison} ${formatNumber(t.limit, 3)})`,
    );
  return `${lines.join('\n')}\n`;
}
