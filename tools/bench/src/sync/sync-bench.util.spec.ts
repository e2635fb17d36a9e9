import {
  checkTargets,
  deltaPages,
  headerAppRequests,
  minimumSyncRequests,
  ratio,
  ratiosOf,
  renderMarkdown,
  renderText,
  throttleMinimumSeconds,
  type ModeFigures,
} from './sync-bench.util.js';

function figures(overrides: Partial<ModeFigures> = {}): ModeFigures {
  return {
    seconds: 100,
    wallSeconds: 104,
    messages: 10_000,
    messagesPerSecond: 100,
    fetchedMessages: 10_000,
    storedMessages: 2_000,
    graphRequests: 10_030,
    minimumRequests: 10_020,
    httpRequests: 530,
    throttled: 0,
    maxConcurrencyPerMailbox: 4,
    bytesDownloaded: 200 * 1024 * 1024,
    bytesHeader: 40 * 1024 * 1024,
    bytesBody: 160 * 1024 * 1024,
    peakRssBytes: 300 * 1024 * 1024,
    workerCpuSeconds: 80,
    simulatorCpuSeconds: 60,
    redisBytes: 50 * 1024,
    redisKeys: 12,
    redisBytesPerMailbox: 5 * 1024,
    throttleMinimumSeconds: 95,
    ceilingMessagesPerSecond: 105.3,
    ...overrides,
  };
}

describe('ratio', () => {
  it('divides to three decimals', () => {
    expect(ratio(1, 3)).toBe(0.333);
    expect(ratio(300, 200)).toBe(1.5);
  });

  it('is 0 when there is nothing to divide by', () => {
    expect(ratio(5, 0)).toBe(0);
    expect(ratio(Number.POSITIVE_INFINITY, 2)).toBe(0);
  });

  it('compares every figure of header-based mode with standard', () => {
    const standard = figures();
    const header = figures({
      seconds: 50,
      graphRequests: 2_006,
      bytesDownloaded: 50 * 1024 * 1024,
      bytesBody: 30 * 1024 * 1024,
      peakRssBytes: 150 * 1024 * 1024,
      messagesPerSecond: 200,
    });
    expect(ratiosOf(header, standard)).toEqual({
      seconds: 0.5,
      graphRequests: 0.2,
      bytesDownloaded: 0.25,
      bytesBody: 0.188,
      peakRssBytes: 0.5,
      messagesPerSecond: 2,
    });
  });
});

describe('minimum requests', () => {
  it('needs one delta page per pageSize messages, and one for an empty folder (it carries the deltaLink)', () => {
    expect(deltaPages(2_000, 999)).toBe(3);
    expect(deltaPages(999, 999)).toBe(1);
    expect(deltaPages(0, 999)).toBe(1);
  });

  it('adds the user lookup to the header pages of every folder', () => {
    expect(
      headerAppRequests({ folderSizes: [1_200, 800], fetched: 0 }, 999),
    ).toBe(1 + 2 + 1);
  });

  it('sums header requests and one request per downloaded message over the mailboxes', () => {
    expect(
      minimumSyncRequests(
        [
          { folderSizes: [1_200, 800], fetched: 2_000 },
          { folderSizes: [1_000, 1_000], fetched: 300 },
        ],
        999,
      ),
    ).toBe(4 + 2_000 + (1 + 2 + 2) + 300);
  });
});

describe('throttleMinimumSeconds', () => {
  const graph = { limit: 10_000, windowMs: 600_000 };

  it("runs mailboxes side by side: the busiest app and mailbox pair sets the pace at Graph's 10,000 per 10 minutes", () => {
    const seconds = throttleMinimumSeconds(
      [
        { folderSizes: [1_200, 800], fetched: 2_000 },
        { folderSizes: [1_000, 1_000], fetched: 300 },
      ],
      999,
      graph,
    );
    expect(seconds).toBeCloseTo(2_000 / (10_000 / 600), 6);
  });

  it('lets the header app set the pace when few messages are downloaded', () => {
    expect(
      throttleMinimumSeconds([{ folderSizes: [5_000], fetched: 1 }], 100, {
        limit: 100,
        windowMs: 10_000,
      }),
    ).toBeCloseTo(51 / 10, 6);
  });

  it('is 0 for no mailboxes', () => {
    expect(throttleMinimumSeconds([], 999, graph)).toBe(0);
  });
});

describe('checkTargets', () => {
  const standard = figures();

  it('meets every target when header-based mode downloads its share and both keep to the minimum and the ceiling', () => {
    const headerBased = figures({
      fetchedMessages: 2_500,
      bytesDownloaded: 60 * 1024 * 1024,
      graphRequests: 2_560,
      minimumRequests: 2_550,
      messagesPerSecond: 400,
      ceilingMessagesPerSecond: 420,
    });
    const checks = checkTargets({ standard, headerBased });
    expect(checks.map((c) => [c.name, c.measured, c.limit, c.met])).toEqual([
      [
        'header-based bytes / standard bytes <= relevant share + 0.10',
        0.3,
        0.35,
        true,
      ],
      ['standard requests / minimum <= 1.05', 1.001, 1.05, true],
      ['headerBased requests / minimum <= 1.05', 1.004, 1.05, true],
      ['standard throughput / throttle ceiling >= 0.90', 0.95, 0.9, true],
      ['headerBased throughput / throttle ceiling >= 0.90', 0.952, 0.9, true],
    ]);
  });

  it('fails the bytes target when header-based mode downloads more than its share plus 10 points', () => {
    const headerBased = figures({
      fetchedMessages: 2_500,
      bytesDownloaded: 80 * 1024 * 1024,
    });
    const [bytes] = checkTargets({ standard, headerBased });
    expect(bytes).toMatchObject({ measured: 0.4, limit: 0.35, met: false });
  });

  it('fails the request target above minimum + 5% and the throughput target below 90% of the ceiling', () => {
    const headerBased = figures({
      graphRequests: 1_100,
      minimumRequests: 1_000,
      messagesPerSecond: 80,
      ceilingMessagesPerSecond: 100,
    });
    const checks = checkTargets({ standard, headerBased });
    expect(checks.filter((c) => !c.met).map((c) => c.name)).toEqual([
      'headerBased requests / minimum <= 1.05',
      'headerBased throughput / throttle ceiling >= 0.90',
    ]);
  });
});

describe('tables', () => {
  const standard = figures();
  const headerBased = figures({
    seconds: 25,
    fetchedMessages: 2_500,
    bytesDownloaded: 50 * 1024 * 1024,
  });
  const targets = checkTargets({ standard, headerBased });

  it('renders one Markdown row per figure with the ratio, then parity and the targets', () => {
    const md = renderMarkdown({
      title: 'Sync benchmark',
      standard,
      headerBased,
      parity: true,
      targets,
    });
    expect(md).toContain('# Sync benchmark');
    expect(md).toContain(
      '| | standard | header-based | header-based / standard |',
    );
    expect(md).toContain('| sync time (s) | 100.0 | 25.0 | 0.250 |');
    expect(md).toContain('| bytes downloaded (MiB) | 200.0 | 50.0 | 0.250 |');
    expect(md).toContain('| header bytes (MiB) | 40.0 | 40.0 |  |');
    expect(md).toContain('| worker CPU (s) | 80.0 | 80.0 |  |');
    expect(md).toContain('| Redis per mailbox (bytes) | 5,120 | 5,120 |  |');
    expect(md).toContain(
      'Parity (same stored set, kinds and matched prospects): yes',
    );
    expect(md).toContain(
      '| header-based bytes / standard bytes <= relevant share + 0.10 | 0.250 | <= 0.350 | yes |',
    );
    // Every table row has the same number of cells.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    for (const row of rows.slice(0, 20))
      expect(row.split(' | ').length).toBe(4);
  });

  it('renders aligned text for the terminal and says which targets are not met', () => {
    const text = renderText({
      standard,
      headerBased: figures({ graphRequests: 20_000 }),
      parity: false,
      targets: checkTargets({
        standard,
        headerBased: figures({ graphRequests: 20_000 }),
      }),
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\s+standard\s+header-based\s+ratio$/);
    expect(text).toMatch(/Graph requests\s+10,030\s+20,000\s+1\.994/);
    expect(text).toContain('parity  NO');
    expect(text).toContain(
      'NOT MET  headerBased requests / minimum <= 1.05: 1.996 (<= 1.050)',
    );
  });
});
