import { HttpsTransport } from '../lib/http/https-transport.js';
import { OUTLOOK_MAILBOX_CONCURRENCY } from '../lib/http/mailbox-limiter.js';

/** What the simulator writes to `--credentials-out` (see tools/graph-simulator README). */
export interface SimulatorCredentials {
  baseUrl: string;
  authorityUrl: string;
  graphBaseUrl: string;
  controlUrl: string;
  tenantId: string;
  /** App with Mail.Read.All. */
  clientId: string;
  clientSecret: string;
  /** App with Mail.ReadBasic.All. */
  readBasic: { clientId: string; clientSecret: string };
  caCertPath: string;
  users: Array<{
    id: string;
    userPrincipalName: string;
    mail: string;
    displayName: string;
  }>;
  prospectsPath?: string;
}

export interface SimAccounting {
  requests: {
    total: number;
    byEndpoint: Record<string, number>;
    byMailbox: Record<string, number>;
  };
  bytes: { header: number; body: number; total: number };
  throttled: number;
  maxConcurrencyByMailbox: Record<string, number>;
  retryAfterViolations: number;
  retryAfterIgnored: number;
  /** The first ignored ones: ms after the 429 reached the client, and its Retry-After in ms. */
  retryAfterIgnoredSamples: Array<{ afterMs: number; retryAfterMs: number }>;
  [key: string]: unknown;
}

/**
 * What the simulator saw of a client's Retry-After manners, in a shape a
 * test compares with RETRY_AFTER_HONOURED: nothing came back on a connection
 * before the Retry-After it had carried elapsed (the client had read that
 * 429), and the mailbox's other requests stayed within what the client had
 * let go before reading it, at most its other 3 slots per 429.
 */
export function retryAfterReport(accounting: SimAccounting): {
  ignored: number;
  ignoredSamples: SimAccounting['retryAfterIgnoredSamples'];
  othersWithinFreeSlots: boolean;
} {
  return {
    ignored: accounting.retryAfterIgnored,
    ignoredSamples: accounting.retryAfterIgnoredSamples,
    othersWithinFreeSlots:
      accounting.retryAfterViolations <=
      (OUTLOOK_MAILBOX_CONCURRENCY - 1) * accounting.throttled,
  };
}

export const RETRY_AFTER_HONOURED: ReturnType<typeof retryAfterReport> = {
  ignored: 0,
  ignoredSamples: [],
  othersWithinFreeSlots: true,
};

export interface SimConfig {
  throttle?: { limit?: number; windowMs?: number; concurrency?: number };
  deltaReturnsHeaders?: boolean;
  readBasicWithholdsHeaders?: boolean;
  tokenLifetimeSeconds?: number;
  /** Latency added to every Graph operation. */
  serviceTimeMs?: number;
  retryAfterGraceMs?: number;
}

export interface SimFaults {
  rates?: Partial<
    Record<
      | '429'
      | '500'
      | '503'
      | '504'
      | 'malformedJson'
      | 'truncatedJson'
      | 'connectionReset',
      number
    >
  >;
  latencyMs?: number;
  userId?: string;
  retryAfterSeconds?: number;
}

export interface SimPartialMessage {
  subject?: string;
  from?: { emailAddress: { name?: string; address: string } };
  toRecipients?: Array<{ emailAddress: { name?: string; address: string } }>;
  body?: { contentType: 'html' | 'text'; content: string };
  internetMessageHeaders?: Array<{ name: string; value: string }>;
  [key: string]: unknown;
}

/** Thrown when the control API answers non-2xx (status only: bodies may echo test data). */
export class SimControlError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
  ) {
    super(`Simulator control ${method} ${path} answered ${status}`);
    this.name = 'SimControlError';
  }
}

/** Typed client of the simulator's `/_sim` control API, over HTTPS trusting its CA. */
export class SimControlClient {
  private readonly transport: HttpsTransport;

  constructor(
    private readonly controlUrl: string,
    ca: string | Buffer,
  ) {
    this.transport = new HttpsTransport({ ca });
  }

  tenant(): Promise<Record<string, unknown>> {
    return this.call('GET', '/tenant');
  }

  accounting(): Promise<SimAccounting> {
    return this.call('GET', '/accounting');
  }

  resetAccounting(): Promise<unknown> {
    return this.call('POST', '/accounting/reset');
  }

  setConfig(config: SimConfig): Promise<unknown> {
    return this.call('PUT', '/config', config);
  }

  setFaults(faults: SimFaults): Promise<unknown> {
    return this.call('PUT', '/faults', faults);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', '/faults');
  }

  revokeTokens(): Promise<unknown> {
    return this.call('POST', '/tokens/revoke');
  }

  invalidateDelta(userId: string): Promise<unknown> {
    return this.call(
      'POST',
      `/users/${encodeURIComponent(userId)}/delta/invalidate`,
    );
  }

  disableUser(userId: string): Promise<unknown> {
    return this.call('POST', `/users/${encodeURIComponent(userId)}/disable`);
  }

  deleteUser(userId: string): Promise<unknown> {
    return this.call('POST', `/users/${encodeURIComponent(userId)}/delete`);
  }

  revokeConsent(clientId: string): Promise<unknown> {
    return this.call('POST', '/consent/revoke', { clientId });
  }

  deliver(
    userId: string,
    delivery: { count?: number; messages?: SimPartialMessage[] },
  ): Promise<unknown> {
    return this.call(
      'POST',
      `/users/${encodeURIComponent(userId)}/deliver`,
      delivery,
    );
  }

  patchMessage(
    userId: string,
    messageId: string,
    patch: Record<string, unknown>,
  ): Promise<unknown> {
    return this.call(
      'PATCH',
      `/users/${encodeURIComponent(userId)}/messages/${encodeURIComponent(messageId)}`,
      patch,
    );
  }

  deleteMessage(userId: string, messageId: string): Promise<unknown> {
    return this.call(
      'DELETE',
      `/users/${encodeURIComponent(userId)}/messages/${encodeURIComponent(messageId)}`,
    );
  }

  loadEml(userId: string, raw: string): Promise<unknown> {
    return this.call(
      'POST',
      `/users/${encodeURIComponent(userId)}/eml`,
      raw,
      'message/rfc822',
    );
  }

  registerApp(app: {
    roles: string[];
    certificatePem?: string;
  }): Promise<{ clientId: string; clientSecret?: string }> {
    return this.call('POST', '/apps', app);
  }

  close(): void {
    this.transport.close();
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<T> {
    const payload =
      body === undefined
        ? undefined
        : typeof body === 'string' && contentType !== 'application/json'
          ? body
          : JSON.stringify(body);
    const res = await this.transport.send({
      method,
      url: `${this.controlUrl.replace(/\/+$/, '')}${path}`,
      headers: {
        accept: 'application/json',
        ...(payload !== undefined ? { 'content-type': contentType } : {}),
      },
      ...(payload !== undefined ? { body: payload } : {}),
    });
    if (res.status < 200 || res.status >= 300)
      throw new SimControlError(method, path, res.status);
    const text = res.body.toString('utf8');
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
