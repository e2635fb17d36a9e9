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
  retryAfterViolations: number;
  retryAfterViolationsByMailbox: Record<string, number>;
  status: Record<string, number>;
  tokens: { issued: number; refused: number };
}

interface RetryWindow {
  from: number;
  until: number;
}

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
  operation(appId: string, mailboxId: string | undefined, nowMs: number): void {
    this.s.requests.total++;
    if (!mailboxId) return;
    this.s.requests.byMailbox[mailboxId] =
      (this.s.requests.byMailbox[mailboxId] ?? 0) + 1;
    const w = this.retryWindows.get(`${appId}\u0000${mailboxId}`);
    if (w && nowMs < w.until && nowMs > w.from + this.graceMs) {
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
  ): void {
    if (!mailboxId) return;
    const key = `${appId}\u0000${mailboxId}`;
    const until = nowMs + retryAfterSeconds * 1000;
    const prev = this.retryWindows.get(key);
    if (!prev || prev.until < until || prev.until < nowMs)
      this.retryWindows.set(key, { from: nowMs, until });
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
