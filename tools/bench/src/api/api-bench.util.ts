/** Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1] ?? 0;
}

export interface EndpointFigures {
  readonly name: string;
  readonly path: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export function summariseEndpoint(input: {
  readonly name: string;
  readonly path: string;
  readonly latenciesMs: readonly number[];
  readonly errors: number;
  readonly seconds: number;
}): EndpointFigures {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name: input.name,
    path: input.path,
    requests: input.latenciesMs.length,
    errors: input.errors,
    seconds: round(input.seconds),
    requestsPerSecond: round(input.latenciesMs.length / input.seconds),
    p50Ms: round(percentile(input.latenciesMs, 50)),
    p95Ms: round(percentile(input.latenciesMs, 95)),
    p99Ms: round(percentile(input.latenciesMs, 99)),
  };
}

/**
 * A prospects CSV of `rows` data rows after a header, in chunks of
 * `rowsPerChunk`, generated as it is sent: the benchmark itself must not
 * hold the file. Every `badEvery`-th row has an invalid email (0: none).
 */
export function* prospectCsvChunks(
  rows: number,
  rowsPerChunk = 1000,
  badEvery = 0,
): Generator<string> {
  let chunk = 'email,name,account domain\r\n';
  for (let i = 1; i <= rows; i++) {
    const domain = `account-${i % 997}.example`;
    const email =
      badEvery > 0 && i % badEvery === 0
        ? `not-an-email-${i}`
        : `import-${i}@${domain}`;
    chunk += `${email},Imported Person ${i},${domain}\r\n`;
    if (i % rowsPerChunk === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

export interface RssFigures {
  readonly startBytes: number;
  readonly peakBytes: number;
  readonly endBytes: number;
}

/** How much the resident set grew during the import, absolute and relative to the start. */
export function rssGrowth(rss: RssFigures): {
  peakOverStartBytes: number;
  peakOverStartRatio: number;
} {
  return {
    peakOverStartBytes: rss.peakBytes - rss.startBytes,
    peakOverStartRatio:
      rss.startBytes > 0
        ? Math.round((rss.peakBytes / rss.startBytes) * 1000) / 1000
        : 0,
  };
}

/** The highest sample in each quarter of [from, to] (0 for a quarter without samples). */
export function peakByQuarter(
  samples: readonly { readonly at: number; readonly bytes: number }[],
  from: number,
  to: number,
): number[] {
  const peaks = [0, 0, 0, 0];
  const span = Math.max(to - from, 1);
  for (const { at, bytes } of samples) {
    if (at < from || at > to) continue;
    const quarter = Math.min(3, Math.floor(((at - from) / span) * 4));
    peaks[quarter] = Math.max(peaks[quarter] ?? 0, bytes);
  }
  return peaks;
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function renderEndpointTable(rows: readonly EndpointFigures[]): string {
  const header = `${'endpoint'.padEnd(12)}${'requests'.padStart(10)}${'errors'.padStart(8)}${'req/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}`;
  const lines = rows.map(
    (r) =>
      `${r.name.padEnd(12)}${String(r.requests).padStart(10)}${String(r.errors).padStart(8)}${r.requestsPerSecond.toFixed(1).padStart(10)}${r.p50Ms.toFixed(1).padStart(9)}${r.p95Ms.toFixed(1).padStart(9)}${r.p99Ms.toFixed(1).padStart(9)}`,
  );
  return [header, ...lines].join('\n');
}
