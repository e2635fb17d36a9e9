export interface AccountingSnapshot {
  requests: {
    /** Graph operations: direct /v1.0 requests (not $batch envelopes) plus $batch items. */
    total: number;
    /** HTTP requests on /v1.0, $batch envelopes included. */
    http: number;
    byEndpoint: Record<string, number>;
    byMailbox: Record<string, number>;
  };
  bytes: { header: number; body: number; total: number };
  throttled: number;
  maxConcurrencyByMailbox: Record<string, number>;
  /**
   * Requests to a mailbox after a 429 (or 503 with Retry-After) reached the
   * client, plus the grace, and before the Retry-After elapsed: on any
   * connection, so a request the client let go before its event loop got to
   * the 429 counts too when it arrives later than the grace.
   */
  retryAfterViolations: number;
  retryAfterViolationsByMailbox: Record<string, number>;
  /**
   * Requests to that mailbox before the Retry-After elapsed on the very
   * connection the 429 came back on: the client had read that answer (HTTP/1.1
   * reuses a connection only once the answer is read), so each is a
   * Retry-After ignored. No grace, whatever the machine's load.
   */
  retryAfterIgnored: number;
  /** The first of them: ms after the 429 reached the client, and the Retry-After in ms. */
  retryAfterIgnoredSamples: Array<{ afterMs: number; retryAfterMs: number }>;
  status: Record<string, number>;
  tokens: { issued: number; refused: number };
}

interface RetryWindow {
  from: number;
  until: number;
  /** Connections a 429 of this window was written on. */
  connections: Set<number>;
}

const TIMER_SLACK_MS = 5;

/** Everything the control API reports about what clients did. */
export class AccountingService {
  private s: AccountingSnapshot = AccountingService.empty();
  private readonly active = new Map<string, number>();
  private readonly retryWindows = new Map<string, RetryWindow>();
  /**
   * Requests already in flight when a 429 was sent cannot have seen it; those
   * arriving within this grace after the 429 are not counted as violations.
   */
  graceMs = 100;

  private static empty(): AccountingSnapshot {
    return {
      requests: { total: 0, http: 0, byEndpoint: {}, byMailbox: {} },
      bytes: { header: 0, body: 0, total: 0 },
      throttled: 0,
      maxConcurrencyByMailbox: {},
      retryAfterViolations: 0,
      retryAfterViolationsByMailbox: {},
      retryAfterIgnored: 0,
      retryAfterIgnoredSamples: [],
      status: {},
      tokens: { issued: 0, refused: 0 },
    };
  }

  snapshot(): AccountingSnapshot {
    return structuredClone(this.s);
  }

  reset(): void {
    this.s = AccountingService.empty();
    this.retryWindows.clear();
  }

  endpoint(name: string): void {
    this.s.requests.byEndpoint[name] =
      (this.s.requests.byEndpoint[name] ?? 0) + 1;
  }

  http(): void {
    this.s.requests.http++;
  }

  /** One Graph operation arrived for (app, mailbox); checks it against Retry-After given earlier. */
  operation(
    appId: string,
    mailboxId: string | undefined,
    nowMs: number,
    connection?: number,
  ): void {
    this.s.requests.total++;
    if (!mailboxId) return;
    this.s.requests.byMailbox[mailboxId] =
      (this.s.requests.byMailbox[mailboxId] ?? 0) + 1;
    const w = this.retryWindows.get(`${appId}\u0000${mailboxId}`);
    if (!w || nowMs >= w.until) return;
    // A client timer may fire a millisecond or two before our clock says the
    // Retry-After is over.
    if (
      connection !== undefined &&
      w.connections.has(connection) &&
      nowMs < w.until - TIMER_SLACK_MS
    ) {
      this.s.retryAfterIgnored++;
      if (this.s.retryAfterIgnoredSamples.length < 20)
        this.s.retryAfterIgnoredSamples.push({
          afterMs: nowMs - w.from,
          retryAfterMs: w.until - w.from,
        });
    }
    if (nowMs > w.from + this.graceMs) {
      this.s.retryAfterViolations++;
      this.s.retryAfterViolationsByMailbox[mailboxId] =
        (this.s.retryAfterViolationsByMailbox[mailboxId] ?? 0) + 1;
    }
  }

  /** A 429 was decided (delivered later, see `retryAfterSent`). */
  throttledSent(): void {
    this.s.throttled++;
  }

  /** A 429 (or 503 with Retry-After) reached (app, mailbox)'s client at `nowMs`. */
  retryAfterSent(
    appId: string,
    mailboxId: string | undefined,
    retryAfterSeconds: number,
    nowMs: number,
    connection?: number,
  ): void {
    if (!mailboxId) return;
    const key = `${appId}\u0000${mailboxId}`;
    const until = nowMs + retryAfterSeconds * 1000;
    const prev = this.retryWindows.get(key);
    const window =
      !prev || prev.until < until || prev.until < nowMs
        ? { from: nowMs, until, connections: new Set<number>() }
        : prev;
    // Connections of the earlier 429s stay watched until their own end.
    if (prev && window !== prev && prev.until > nowMs)
      for (const c of prev.connections) window.connections.add(c);
    if (connection !== undefined) window.connections.add(connection);
    this.retryWindows.set(key, window);
  }

  enter(mailboxId: string): void {
    const n = (this.active.get(mailboxId) ?? 0) + 1;
    this.active.set(mailboxId, n);
    if (n > (this.s.maxConcurrencyByMailbox[mailboxId] ?? 0))
      this.s.maxConcurrencyByMailbox[mailboxId] = n;
  }

  leave(mailboxId: string): void {
    this.active.set(
      mailboxId,
      Math.max(0, (this.active.get(mailboxId) ?? 1) - 1),
    );
  }

  status(code: number): void {
    this.s.status[String(code)] = (this.s.status[String(code)] ?? 0) + 1;
  }

  bytes(total: number, body: number): void {
    const b = Math.min(body, total);
    this.s.bytes.total += total;
    this.s.bytes.body += b;
    this.s.bytes.header += total - b;
  }

  token(issued: boolean): void {
    if (issued) this.s.tokens.issued++;
    else this.s.tokens.refused++;
  }
}
