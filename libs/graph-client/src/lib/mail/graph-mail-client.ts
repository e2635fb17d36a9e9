import { Client, ResponseType } from '@microsoft/microsoft-graph-client';
import type { GraphRequest } from '@microsoft/microsoft-graph-client';
import type { ClientCredential } from '../auth/token-provider.js';
import { MsalClientCredentialProvider } from '../auth/token-provider.js';
import type {
  GraphIntegrationError,
  GraphOperation,
} from '../errors/graph.error.js';
import {
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphIntegrationError as GraphIntegrationErrorClass,
  GraphRequestFailedError,
  GraphThrottledError,
  GraphTransientError,
  MailboxUnavailableError,
} from '../errors/graph.error.js';
import {
  isMailboxGoneCode,
  mapGraphFailure,
} from '../errors/map-graph-failure.util.js';
import { HttpNetworkError, HttpsTransport } from '../http/https-transport.js';
import type { MailboxLimiter } from '../http/mailbox-limiter.js';
import type { MailboxRequestBudget } from '../http/request-budget.js';
import {
  InProcessMailboxLimiter,
  OUTLOOK_MAILBOX_CONCURRENCY,
} from '../http/mailbox-limiter.js';
import {
  fullJitterDelay,
  parseRetryAfter,
  RETRYABLE_STATUSES,
} from '../http/retry-policy.util.js';
import type { GraphRequestListener } from '../middleware/accounting.middleware.js';
import { AccountingMiddleware } from '../middleware/accounting.middleware.js';
import type { GraphCredentials } from '../middleware/auth.middleware.js';
import { AuthMiddleware } from '../middleware/auth.middleware.js';
import {
  bufferedBody,
  HttpsTransportMiddleware,
} from '../middleware/https-transport.middleware.js';
import { readJsonBody } from '../middleware/json-body.util.js';
import { MailboxLimitMiddleware } from '../middleware/mailbox-limit.middleware.js';
import type { GraphRequestPurpose } from '../middleware/request-tag.js';
import { GraphRequestTag } from '../middleware/request-tag.js';
import type {
  RetryMiddlewareDeps,
  RetryOptions,
} from '../middleware/retry.middleware.js';
import {
  DEFAULT_RETRY_OPTIONS,
  RetryMiddleware,
} from '../middleware/retry.middleware.js';
import type {
  BatchItemFailure,
  FetchResult,
  FullMessage,
  GraphInternetMessageHeader,
  GraphMailFolder,
  GraphUser,
  HeaderMessage,
  HeaderPage,
  HeaderPageOptions,
  RemovedMessage,
} from './graph-mail.types.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

// Header pass: everything the classifier reads, nothing that is content
// (no body, bodyPreview or uniqueBody).
const HEADER_PROPERTIES = [
  'subject',
  'from',
  'sender',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'internetMessageId',
  'conversationId',
  'conversationIndex',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'importance',
  'inferenceClassification',
  'isDraft',
  'isRead',
  'categories',
  'parentFolderId',
  'changeKey',
] as const;
export const HEADER_SELECT = [
  ...HEADER_PROPERTIES,
  'internetMessageHeaders',
].join(',');
export const FULL_SELECT = [
  ...HEADER_PROPERTIES,
  'internetMessageHeaders',
  'body',
  'webLink',
].join(',');
// Attachment metadata only (never contentBytes).
export const ATTACHMENT_EXPAND =
  'attachments($select=id,name,contentType,size,isInline)';

/** Graph accepts at most 20 requests per JSON batch (https://learn.microsoft.com/graph/json-batching). */
export const MAX_BATCH_SIZE = 20;
export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 999;

// Prefer must be sent on EVERY delta call, nextLink and deltaLink included:
// neither preference is carried in the token (graph-facts, "Delta query").
function preferHeader(pageSize?: number): string {
  const prefs = ['IdType="ImmutableId"'];
  if (pageSize !== undefined) prefs.unshift(`odata.maxpagesize=${pageSize}`);
  return prefs.join(', ');
}

export interface GraphAppCredentials {
  clientId: string;
  credential: ClientCredential;
}

export interface GraphMailClientOptions {
  credentials: GraphCredentials;
  /** Graph root including the version; default https://graph.microsoft.com/v1.0. */
  graphBaseUrl?: string;
  /** Shared HTTPS transport (its CA is trusted); one is created when absent. */
  transport?: HttpsTransport;
  /** PEM CA to trust when no transport is given (the simulator's). */
  ca?: string | Buffer;
  /** Per-mailbox concurrency and Retry-After gate; default in-process, 4 per mailbox. */
  limiter?: MailboxLimiter;
  /**
   * Paces requests under Outlook's per-(app, mailbox) budget; share one
   * between clients of the same apps. Absent: no pacing, 429s only.
   */
  requestBudget?: MailboxRequestBudget;
  /**
   * Identities of the two credentials (their client ids) for the budget's
   * keys; default "header" and "body". Give the same id when one app
   * serves both: they then share one budget, as at Graph.
   */
  appIds?: { header: string; body?: string };
  listener?: GraphRequestListener;
  retry?: Partial<RetryOptions>;
  /** Clock, sleep and randomness, for tests. */
  retryDeps?: Omit<RetryMiddlewareDeps, 'limiter'>;
}

export interface GraphMailClientFromAppsOptions {
  tenantId: string;
  /** Default https://login.microsoftonline.com/{tenantId}. */
  authorityUrl?: string;
  graphBaseUrl?: string;
  ca?: string | Buffer;
  /**
   * `header` serves the header pass and directory calls; `body` the body
   * fetches. Give two apps for least privilege (Mail.ReadBasic.All and
   * Mail.Read.All); with one app, `header` serves both.
   */
  apps: { header: GraphAppCredentials; body?: GraphAppCredentials };
  limiter?: MailboxLimiter;
  requestBudget?: MailboxRequestBudget;
  listener?: GraphRequestListener;
  retry?: Partial<RetryOptions>;
}

interface BatchItemResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface BatchRequestItem {
  /** Our key for the item (a message id). */
  key: string;
  url: string;
  headers?: Record<string, string>;
}

interface BatchOutcome {
  ok: Map<string, unknown>;
  missing: string[];
  failed: BatchItemFailure[];
}

interface ODataCollection<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

type RawDeltaItem = Record<string, unknown> & {
  id?: unknown;
  '@removed'?: { reason?: unknown };
};

/**
 * Microsoft Graph mail access for header-based sync, on the official Graph
 * SDK with our middleware chain:
 * retry (Retry-After, backoff) -> auth -> per-mailbox limiter and pacing ->
 * accounting -> HTTPS.
 */
export class GraphMailClient {
  readonly sdk: Client;
  private readonly transport: HttpsTransport;
  private readonly ownsTransport: boolean;
  private readonly limiter: MailboxLimiter;
  private readonly retry: RetryOptions;
  private readonly graphOrigin: string;
  private readonly graphRoot: string;
  private readonly listener: GraphRequestListener | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly canReadBodies: boolean;

  constructor(options: GraphMailClientOptions) {
    const root = new URL(
      (options.graphBaseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, ''),
    );
    if (root.protocol !== 'https:')
      throw new RangeError('The Graph base URL must be https');
    this.graphOrigin = root.origin;
    this.graphRoot = `${root.origin}${root.pathname}`;
    const version = root.pathname.replace(/^\/+/, '') || 'v1.0';
    this.ownsTransport = options.transport === undefined;
    this.transport =
      options.transport ??
      new HttpsTransport(options.ca ? { ca: options.ca } : {});
    this.limiter = options.limiter ?? new InProcessMailboxLimiter();
    this.retry = {
      ...DEFAULT_RETRY_OPTIONS,
      ...options.retry,
      backoff: { ...DEFAULT_RETRY_OPTIONS.backoff, ...options.retry?.backoff },
    };
    this.listener = options.listener;
    this.sleep =
      options.retryDeps?.sleep ??
      ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.retryDeps?.now ?? Date.now;
    this.random = options.retryDeps?.random ?? Math.random;
    this.canReadBodies = options.credentials.body !== undefined;

    const middleware = [
      new RetryMiddleware(this.retry, {
        limiter: this.limiter,
        ...options.retryDeps,
      }),
      new AuthMiddleware(options.credentials, this.graphOrigin),
      new MailboxLimitMiddleware(
        this.limiter,
        this.now,
        options.requestBudget
          ? {
              budget: options.requestBudget,
              appOf: appOfPurpose(options),
            }
          : undefined,
      ),
      ...(options.listener ? [new AccountingMiddleware(options.listener)] : []),
      new HttpsTransportMiddleware(this.transport),
    ];
    this.sdk = Client.initWithMiddleware({
      middleware,
      baseUrl: root.origin,
      defaultVersion: version,
      // The SDK attaches tokens only to Graph hosts or customHosts; it strips
      // the port before comparing, so the simulator is `localhost`.
      ...(root.hostname === 'graph.microsoft.com'
        ? {}
        : { customHosts: new Set([root.hostname]) }),
    });
  }

  /** A client whose two credentials are MSAL client-credential apps sharing one HTTPS transport. */
  static fromApps(options: GraphMailClientFromAppsOptions): GraphMailClient {
    const transport = new HttpsTransport(options.ca ? { ca: options.ca } : {});
    const provider = (app: GraphAppCredentials) =>
      new MsalClientCredentialProvider({
        tenantId: options.tenantId,
        clientId: app.clientId,
        credential: app.credential,
        transport,
        ...(options.authorityUrl ? { authorityUrl: options.authorityUrl } : {}),
      });
    const header = provider(options.apps.header);
    const body = options.apps.body ? provider(options.apps.body) : header;
    return new GraphMailClient({
      credentials: { header, body },
      transport,
      ...(options.graphBaseUrl ? { graphBaseUrl: options.graphBaseUrl } : {}),
      ...(options.limiter ? { limiter: options.limiter } : {}),
      ...(options.requestBudget
        ? { requestBudget: options.requestBudget }
        : {}),
      appIds: {
        header: options.apps.header.clientId,
        body: (options.apps.body ?? options.apps.header).clientId,
      },
      ...(options.listener ? { listener: options.listener } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }

  /** Closes idle sockets of a transport this client created. */
  close(): void {
    if (this.ownsTransport) this.transport.close();
  }

  // --- directory ---------------------------------------------------------

  /** The tenant's users, page by page (to discover mailboxes). */
  async *listUsers(pageSize = MAX_PAGE_SIZE): AsyncGenerator<GraphUser[]> {
    let url: string | undefined =
      `/users?$select=id,userPrincipalName,mail,displayName,accountEnabled&$top=${pageSize}`;
    while (url) {
      const page: ODataCollection<GraphUser> = await this.getJson(
        new GraphRequestTag('users', 'directory', undefined),
        url,
        {},
      );
      yield page.value ?? [];
      url = page['@odata.nextLink'];
      if (url) this.assertGraphLink(url, 'users');
    }
  }

  /**
   * One user. Outlook counts it against that mailbox (the simulator does
   * too), so it goes through the mailbox's limiter: a sync attempt that
   * starts with it must wait out a Retry-After the mailbox got before.
   */
  getUser(idOrPrincipalName: string): Promise<GraphUser> {
    return this.getJson(
      new GraphRequestTag('user', 'directory', idOrPrincipalName),
      `/users/${encodeURIComponent(idOrPrincipalName)}?$select=id,userPrincipalName,mail,displayName,accountEnabled`,
      {},
    );
  }

  /** A folder by id or well-known name (`inbox`, `sentitems`...). */
  getMailFolder(mailbox: string, folder: string): Promise<GraphMailFolder> {
    return this.getJson(
      new GraphRequestTag('mail-folder', 'header', mailbox),
      `/users/${encodeURIComponent(mailbox)}/mailFolders/${encodeURIComponent(folder)}`,
      { Prefer: preferHeader() },
    );
  }

  // --- header pass -------------------------------------------------------

  /**
   * The folder's message delta, page by page: a first round (optionally
   * since a date) or the round after `deltaLink`. The last page carries the
   * deltaLink to store. Throws DeltaExpiredError when the token is no longer
   * valid: restart without deltaLink.
   * https://learn.microsoft.com/graph/delta-query-messages
   */
  async *folderHeaderPages(
    mailbox: string,
    folder: string,
    options: HeaderPageOptions = {},
  ): AsyncGenerator<HeaderPage> {
    const pageSize = Math.min(
      MAX_PAGE_SIZE,
      Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)),
    );
    let url: string;
    if (options.deltaLink) {
      url = options.deltaLink;
    } else {
      // Query options go on the first request only: Graph encodes them in the
      // links it returns.
      url = `/users/${encodeURIComponent(mailbox)}/mailFolders/${encodeURIComponent(folder)}/messages/delta?$select=${HEADER_SELECT}`;
      if (options.since) {
        url += `&$filter=${encodeURIComponent(`receivedDateTime ge ${options.since.toISOString()}`)}`;
      }
    }
    for (;;) {
      if (/^https:/i.test(url)) this.assertGraphLink(url, 'delta');
      const body: ODataCollection<RawDeltaItem> = await this.getJson(
        new GraphRequestTag('delta', 'header', mailbox),
        url,
        { Prefer: preferHeader(pageSize) },
      );
      const page = parseDeltaPage(body);
      yield page;
      if (page.deltaLink) return;
      if (!page.nextLink) {
        throw new GraphRequestFailedError({
          operation: 'delta',
          status: 200,
          code: 'MissingNextLink',
          mailbox,
        });
      }
      url = page.nextLink;
    }
  }

  /**
   * `internetMessageHeaders` of chosen messages, for when delta did not
   * return them: a `$batch` of `$select=internetMessageHeaders` GETs (no body).
   */
  async fetchInternetMessageHeaders(
    mailbox: string,
    ids: readonly string[],
  ): Promise<
    FetchResult<{
      id: string;
      internetMessageHeaders: GraphInternetMessageHeader[];
    }>
  > {
    const outcome = await this.batchGet(
      mailbox,
      'message-headers',
      'header',
      ids.map((id) => ({
        key: id,
        url: `/users/${encodeURIComponent(mailbox)}/messages/${encodeURIComponent(id)}?$select=internetMessageHeaders`,
        headers: { Prefer: preferHeader() },
      })),
    );
    const items: Array<{
      id: string;
      internetMessageHeaders: GraphInternetMessageHeader[];
    }> = [];
    for (const id of ids) {
      const body = outcome.ok.get(id) as
        | { internetMessageHeaders?: GraphInternetMessageHeader[] }
        | undefined;
      if (!outcome.ok.has(id)) continue;
      items.push({
        id,
        internetMessageHeaders: body?.internetMessageHeaders ?? [],
      });
    }
    return { items, missing: outcome.missing, failed: outcome.failed };
  }

  // --- body fetches ------------------------------------------------------

  /**
   * Full messages (body, headers, participants, attachment metadata) in
   * `$batch`es of 20; throttled or failed items are retried alone after the
   * longest Retry-After among them. Needs the body credential (Mail.Read.All).
   */
  async fetchFullMessages(
    mailbox: string,
    ids: readonly string[],
    options: { bodyContentType?: 'html' | 'text'; attachments?: boolean } = {},
  ): Promise<FetchResult<FullMessage>> {
    const prefer = [preferHeader()];
    // https://learn.microsoft.com/graph/api/message-get#request-headers
    if (options.bodyContentType)
      prefer.push(`outlook.body-content-type="${options.bodyContentType}"`);
    const expand =
      options.attachments === false ? '' : `&$expand=${ATTACHMENT_EXPAND}`;
    const outcome = await this.batchGet(
      mailbox,
      'message-fetch',
      'body',
      ids.map((id) => ({
        key: id,
        url: `/users/${encodeURIComponent(mailbox)}/messages/${encodeURIComponent(id)}?$select=${FULL_SELECT}${expand}`,
        headers: { Prefer: prefer.join(', ') },
      })),
    );
    const items: FullMessage[] = [];
    for (const id of ids) {
      const body = outcome.ok.get(id);
      if (body && typeof body === 'object')
        items.push(
          stripODataAnnotations(
            body as Record<string, unknown>,
          ) as unknown as FullMessage,
        );
    }
    return { items, missing: outcome.missing, failed: outcome.failed };
  }

  /** The raw RFC 5322 message (`GET /messages/{id}/$value`). */
  async fetchMime(mailbox: string, id: string): Promise<Buffer> {
    const tag = new GraphRequestTag('message-mime', 'body', mailbox);
    const res = await this.send(
      tag,
      `/users/${encodeURIComponent(mailbox)}/messages/${encodeURIComponent(id)}/$value`,
      {
        Prefer: preferHeader(),
      },
    );
    if (!res.ok) throw this.failureFrom(res, tag);
    return bufferedBody(res) ?? Buffer.alloc(0);
  }

  /** MIME of several messages, at most 4 in flight per mailbox (the limiter's slots). */
  async fetchMimeMessages(
    mailbox: string,
    ids: readonly string[],
  ): Promise<FetchResult<{ id: string; mime: Buffer }>> {
    const result: FetchResult<{ id: string; mime: Buffer }> = {
      items: [],
      missing: [],
      failed: [],
    };
    const queue = [...ids];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          result.items.push({ id, mime: await this.fetchMime(mailbox, id) });
        } catch (err) {
          if (
            err instanceof MailboxUnavailableError &&
            err.code?.toLowerCase() === 'erroritemnotfound'
          ) {
            result.missing.push(id);
          } else if (
            err instanceof GraphThrottledError ||
            err instanceof GraphTransientError ||
            err instanceof GraphRequestFailedError
          ) {
            result.failed.push({ id, error: err });
          } else {
            throw err;
          }
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(OUTLOOK_MAILBOX_CONCURRENCY, ids.length) },
        worker,
      ),
    );
    return result;
  }

  // --- plumbing ----------------------------------------------------------

  /**
   * nextLink/deltaLink are opaque, but they carry our bearer token's
   * audience: follow them only to the configured Graph root.
   */
  private assertGraphLink(link: string, operation: GraphOperation): void {
    let parsed: URL;
    try {
      parsed = new URL(link);
    } catch {
      throw new GraphRequestFailedError({ operation, code: 'InvalidLink' });
    }
    if (
      parsed.origin !== this.graphOrigin ||
      !`${parsed.origin}${parsed.pathname}`.startsWith(`${this.graphRoot}/`)
    ) {
      throw new GraphRequestFailedError({ operation, code: 'UntrustedLink' });
    }
  }

  private request(
    tag: GraphRequestTag,
    url: string,
    headers: Record<string, string>,
  ): GraphRequest {
    return this.sdk
      .api(url)
      .headers(headers)
      .middlewareOptions([tag])
      .responseType(ResponseType.RAW);
  }

  private async send(
    tag: GraphRequestTag,
    url: string,
    headers: Record<string, string>,
    postBody?: unknown,
  ): Promise<Response> {
    if (tag.purpose === 'body' && !this.canReadBodies) {
      throw new GraphAccessDeniedError({
        operation: tag.operation,
        code: 'NoBodyCredential',
      });
    }
    try {
      const req = this.request(tag, url, headers);
      return (
        postBody === undefined ? await req.get() : await req.post(postBody)
      ) as Response;
    } catch (err) {
      throw toTypedError(tag.failure ?? err, tag);
    }
  }

  private async getJson<T>(
    tag: GraphRequestTag,
    url: string,
    headers: Record<string, string>,
  ): Promise<T> {
    const res = await this.send(tag, url, headers);
    return this.jsonOf<T>(res, tag);
  }

  private jsonOf<T>(res: Response, tag: GraphRequestTag): T {
    if (!res.ok) throw this.failureFrom(res, tag);
    const parsed = readJsonBody(res);
    if (!parsed.ok || parsed.value === undefined) {
      throw new GraphTransientError({
        operation: tag.operation,
        status: res.status,
        reason: 'malformed-json',
        ...(tag.mailbox ? { mailbox: tag.mailbox } : {}),
      });
    }
    return parsed.value as T;
  }

  private failureFrom(
    res: Response,
    tag: GraphRequestTag,
  ): GraphIntegrationError {
    const parsed = readJsonBody(res);
    const { code, requestId } = errorFields(
      parsed.ok ? parsed.value : undefined,
    );
    const retryAfterMs = parseRetryAfter(
      res.headers.get('retry-after'),
      this.now(),
    );
    return mapGraphFailure({
      operation: tag.operation,
      status: res.status,
      ...(code ? { code } : {}),
      ...((requestId ?? res.headers.get('request-id'))
        ? { requestId: requestId ?? res.headers.get('request-id') ?? '' }
        : {}),
      ...(tag.mailbox ? { mailbox: tag.mailbox } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  /**
   * GETs through `$batch`, 20 per batch, each batch holding 4 limiter permits
   * (Outlook runs a batch's items 4 at a time, so that IS the mailbox's
   * concurrency). Batch items are not retried by any SDK: retryable ones
   * (429, 5xx) go again alone, after the longest Retry-After among them, with
   * the mailbox paused meanwhile.
   */
  private async batchGet(
    mailbox: string,
    operation: GraphOperation,
    purpose: GraphRequestPurpose,
    requests: readonly BatchRequestItem[],
  ): Promise<BatchOutcome> {
    const outcome: BatchOutcome = { ok: new Map(), missing: [], failed: [] };
    const chunks: BatchRequestItem[][] = [];
    for (let i = 0; i < requests.length; i += MAX_BATCH_SIZE)
      chunks.push(requests.slice(i, i + MAX_BATCH_SIZE));
    // Two chunks in hand: the next batch waits in the limiter while one is in
    // flight, so no time is lost between batches.
    const queue = [...chunks];
    const worker = async (): Promise<void> => {
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
        await this.runBatchChunk(mailbox, operation, purpose, chunk, outcome);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(2, chunks.length) }, worker),
    );
    return outcome;
  }

  private async runBatchChunk(
    mailbox: string,
    operation: GraphOperation,
    purpose: GraphRequestPurpose,
    chunk: readonly BatchRequestItem[],
    outcome: BatchOutcome,
  ): Promise<void> {
    let pending = [...chunk];
    for (let round = 0; pending.length > 0; round++) {
      const tag = new GraphRequestTag(
        operation,
        purpose,
        mailbox,
        Math.min(OUTLOOK_MAILBOX_CONCURRENCY, pending.length),
        pending.length,
      );
      const body = {
        requests: pending.map((item, index) => ({
          id: String(index + 1),
          method: 'GET',
          url: item.url,
          ...(item.headers ? { headers: item.headers } : {}),
        })),
      };
      const res = await this.send(
        tag,
        '/$batch',
        { 'Content-Type': 'application/json' },
        body,
      );
      const parsed = this.jsonOf<{ responses?: BatchItemResponse[] }>(res, tag);
      const byId = new Map<string, BatchItemResponse>();
      for (const response of parsed.responses ?? [])
        byId.set(String(response.id), response);

      const retry: Array<{
        item: BatchRequestItem;
        error: GraphIntegrationError;
      }> = [];
      let longestRetryAfter: number | undefined;
      const statuses: number[] = [];
      pending.forEach((item, index) => {
        const response = byId.get(String(index + 1));
        const status = response?.status ?? 0;
        statuses.push(status);
        if (status >= 200 && status < 300) {
          outcome.ok.set(item.key, response?.body);
          return;
        }
        const { code, requestId } = errorFields(response?.body);
        const retryAfterMs = parseRetryAfter(
          headerValue(response?.headers, 'retry-after'),
          this.now(),
        );
        const failure = {
          operation,
          status,
          mailbox,
          ...(code ? { code } : {}),
          ...(requestId ? { requestId } : {}),
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        };
        if (status === 0 || RETRYABLE_STATUSES.has(status)) {
          if (retryAfterMs !== undefined)
            longestRetryAfter = Math.max(longestRetryAfter ?? 0, retryAfterMs);
          retry.push({
            item,
            error:
              status === 0
                ? new GraphTransientError({
                    ...failure,
                    reason: 'missing-batch-item',
                  })
                : mapGraphFailure(failure),
          });
          return;
        }
        if (status === 404 && !isMailboxGoneCode(code)) {
          outcome.missing.push(item.key);
          return;
        }
        const error = mapGraphFailure(failure);
        // Systemic refusals stop the whole fetch: every other item would fail the same way.
        if (
          error instanceof GraphAccessDeniedError ||
          error instanceof GraphAuthenticationError ||
          error instanceof MailboxUnavailableError
        ) {
          throw error;
        }
        outcome.failed.push({ id: item.key, error });
      });
      this.listener?.onBatchItems?.({ operation, purpose, mailbox, statuses });
      if (retry.length === 0) return;

      const tooLong = (longestRetryAfter ?? 0) > this.retry.maxRetryAfterMs;
      if (longestRetryAfter !== undefined)
        this.limiter.pauseUntil(mailbox, this.now() + longestRetryAfter);
      if (round >= this.retry.maxRetries || tooLong) {
        for (const { item, error } of retry)
          outcome.failed.push({ id: item.key, error });
        return;
      }
      await this.sleep(
        longestRetryAfter ??
          fullJitterDelay(round, this.retry.backoff, this.random),
      );
      pending = retry.map((r) => r.item);
    }
  }
}

/** Which app a request goes out as: body fetches use the body credential, the rest the header one. */
function appOfPurpose(
  options: GraphMailClientOptions,
): (tag: GraphRequestTag) => string {
  const header = options.appIds?.header ?? 'header';
  const body =
    options.appIds?.body ??
    (options.credentials.body === options.credentials.header ? header : 'body');
  return (tag) => (tag.purpose === 'body' ? body : header);
}

function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers))
    if (key.toLowerCase() === name) return value;
  return undefined;
}

function errorFields(body: unknown): {
  code: string | undefined;
  requestId: string | undefined;
} {
  const error = (
    body as
      | { error?: { code?: unknown; innerError?: Record<string, unknown> } }
      | undefined
  )?.error;
  const code =
    typeof error?.code === 'string' && error.code !== ''
      ? error.code
      : undefined;
  const requestId = error?.innerError?.['request-id'];
  return {
    code,
    requestId: typeof requestId === 'string' ? requestId : undefined,
  };
}

function toTypedError(err: unknown, tag: GraphRequestTag): unknown {
  if (err instanceof GraphIntegrationErrorClass) return err;
  if (err instanceof HttpNetworkError) {
    return new GraphTransientError({
      operation: tag.operation,
      reason: err.reason,
      ...(tag.mailbox ? { mailbox: tag.mailbox } : {}),
    });
  }
  return err;
}

function stripODataAnnotations(
  item: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item))
    if (!key.startsWith('@odata.')) out[key] = value;
  return out;
}

/** Splits a delta page into full, partial and removed items. Exported for tests. */
export function parseDeltaPage(
  body: ODataCollection<RawDeltaItem>,
): HeaderPage {
  const messages: HeaderMessage[] = [];
  const removed: RemovedMessage[] = [];
  const missingHeaderIds: string[] = [];
  for (const raw of body.value ?? []) {
    if (typeof raw.id !== 'string') continue;
    if (raw['@removed'] !== undefined) {
      removed.push({
        id: raw.id,
        reason: raw['@removed']?.reason === 'changed' ? 'changed' : 'deleted',
      });
      continue;
    }
    const item = stripODataAnnotations(raw);
    // A full item has every selected property (null when unset); an update
    // may carry only the changed ones.
    const partial = HEADER_PROPERTIES.some((key) => !(key in item));
    if (!partial && !Array.isArray(item['internetMessageHeaders']))
      missingHeaderIds.push(raw.id);
    messages.push({ ...item, id: raw.id, partial } as HeaderMessage);
  }
  return {
    messages,
    removed,
    nextLink: body['@odata.nextLink'],
    deltaLink: body['@odata.deltaLink'],
    missingHeaderIds,
  };
}
