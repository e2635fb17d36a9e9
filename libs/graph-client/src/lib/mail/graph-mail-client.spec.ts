import type { AccessTokenProvider } from '../auth/token-provider.js';
import {
  DeltaExpiredError,
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphRequestFailedError,
  GraphThrottledError,
  MailboxUnavailableError,
} from '../errors/graph.error.js';
import type {
  HttpRequest,
  HttpResponseData,
  HttpsTransport,
} from '../http/https-transport.js';
import { HttpNetworkError } from '../http/https-transport.js';
import { InProcessMailboxLimiter } from '../http/mailbox-limiter.js';
import { GraphUsageCounter } from '../middleware/accounting.middleware.js';
import {
  GraphMailClient,
  HEADER_SELECT,
  parseDeltaPage,
} from './graph-mail-client.js';

const BASE = 'https://graph.test:8443/v1.0';
const SECRET_TOKEN_HEADER =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.header-pass-token';
const BODY_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.body-token';

type Handler = (
  req: HttpRequest,
) => HttpResponseData | Promise<HttpResponseData>;

function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponseData {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify(body)),
  };
}

function graphError(
  status: number,
  code: string,
  message = 'Error',
  headers: Record<string, string> = {},
) {
  return json(
    status,
    {
      error: {
        code,
        message,
        innerError: { 'request-id': 'req-1', date: '2025-02-13T10:17:05' },
      },
    },
    headers,
  );
}

class FakeTransport {
  readonly requests: HttpRequest[] = [];
  constructor(private readonly handler: Handler) {}
  async send(req: HttpRequest): Promise<HttpResponseData> {
    this.requests.push(req);
    return this.handler(req);
  }
  close(): void {
    /* nothing to close */
  }
}

class FakeTokens implements AccessTokenProvider {
  calls: Array<{ forceRefresh?: boolean }> = [];
  constructor(
    readonly clientId: string,
    private readonly tokens: string[],
  ) {}
  async getAccessToken(
    options: { forceRefresh?: boolean } = {},
  ): Promise<string> {
    this.calls.push(options);
    return (options.forceRefresh ? this.tokens[1] : this.tokens[0]) ?? 'token';
  }
}

function setup(handler: Handler, opts: { withBody?: boolean } = {}) {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  const transport = new FakeTransport(handler);
  const header = new FakeTokens('header-app', [
    SECRET_TOKEN_HEADER,
    `${SECRET_TOKEN_HEADER}-2`,
  ]);
  const body = new FakeTokens('body-app', [BODY_TOKEN]);
  const limiter = new InProcessMailboxLimiter({ now: () => now });
  const counter = new GraphUsageCounter();
  const client = new GraphMailClient({
    credentials: opts.withBody === false ? { header } : { header, body },
    graphBaseUrl: BASE,
    transport: transport as unknown as HttpsTransport,
    limiter,
    listener: counter,
    retryDeps: {
      now: () => now,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        now += ms;
      },
    },
  });
  return {
    client,
    transport,
    sleeps,
    limiter,
    counter,
    header,
    body,
    now: () => now,
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const fullItem = (id: string, extra: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.message',
  id,
  subject: 'Holiday hours update',
  from: { emailAddress: { name: 'Dana Swope', address: 'danas@contoso.com' } },
  sender: {
    emailAddress: { name: 'Dana Swope', address: 'danas@contoso.com' },
  },
  toRecipients: [],
  ccRecipients: [],
  bccRecipients: [],
  replyTo: [],
  internetMessageId: `<${id}@contoso.com>`,
  conversationId: 'c1',
  conversationIndex: 'AQ==',
  receivedDateTime: '2025-01-01T00:00:00Z',
  sentDateTime: '2025-01-01T00:00:00Z',
  hasAttachments: false,
  importance: 'normal',
  inferenceClassification: 'focused',
  isDraft: false,
  isRead: false,
  categories: [],
  parentFolderId: 'inbox-id',
  changeKey: 'ck',
  ...extra,
});

describe('GraphMailClient.folderHeaderPages', () => {
  it('sends the header-only $select and $filter first, then follows nextLink and stops at the deltaLink', async () => {
    const next = `${BASE}/users/alice/mailFolders('inbox-id')/messages/delta?$skiptoken=abc123`;
    const delta = `${BASE}/users/alice/mailFolders('inbox-id')/messages/delta?$deltatoken=xyz789`;
    const { client, transport } = setup((req) =>
      req.url.includes('skiptoken')
        ? json(200, { '@odata.deltaLink': delta, value: [fullItem('m2')] })
        : json(200, { '@odata.nextLink': next, value: [fullItem('m1')] }),
    );
    const pages = await collect(
      client.folderHeaderPages('alice', 'inbox', {
        since: new Date('2025-01-01T00:00:00Z'),
        pageSize: 250,
      }),
    );
    expect(pages.map((p) => p.messages.map((m) => m.id))).toEqual([
      ['m1'],
      ['m2'],
    ]);
    expect(pages[0]?.nextLink).toBe(next);
    expect(pages[1]?.deltaLink).toBe(delta);

    const [first, second] = transport.requests;
    expect(first?.url).toBe(
      `${BASE}/users/alice/mailFolders/inbox/messages/delta?$select=${HEADER_SELECT}&$filter=receivedDateTime%20ge%202025-01-01T00%3A00%3A00.000Z`,
    );
    expect(HEADER_SELECT).not.toMatch(/\bbody\b|bodyPreview|uniqueBody/);
    // The link is followed as given: no $select or $filter added again.
    expect(second?.url).toBe(next);
    for (const req of transport.requests) {
      // Prefer goes on EVERY delta call: neither preference travels in the token.
      expect(req.headers['prefer']).toBe(
        'odata.maxpagesize=250, IdType="ImmutableId"',
      );
      expect(req.headers['authorization']).toBe(
        `Bearer ${SECRET_TOKEN_HEADER}`,
      );
    }
  });

  it('resumes from a stored deltaLink and reports removed and partial (changed-properties-only) items', async () => {
    const delta = `${BASE}/users/alice/mailFolders('inbox-id')/messages/delta?$deltatoken=old`;
    // Shape of the docs' "next round" sample (graph-examples/message-delta-round2-removed-and-updated.json).
    const { client, transport } = setup(() =>
      json(200, {
        '@odata.deltaLink': `${BASE}/users/alice/mailFolders('inbox-id')/messages/delta?$deltatoken=new`,
        value: [
          {
            '@odata.type': '#microsoft.graph.message',
            id: 'gone',
            '@removed': { reason: 'deleted' },
          },
          {
            '@odata.type': '#microsoft.graph.message',
            id: 'moved',
            '@removed': { reason: 'changed' },
          },
          {
            '@odata.type': '#microsoft.graph.message',
            '@odata.etag': 'W/"x"',
            id: 'm1',
            isRead: true,
            subject: 'Holiday hours update',
          },
          fullItem('m9', {
            internetMessageHeaders: [
              { name: 'List-Id', value: '<news.example.com>' },
            ],
          }),
        ],
      }),
    );
    const [page] = await collect(
      client.folderHeaderPages('alice', 'inbox', { deltaLink: delta }),
    );
    expect(transport.requests[0]?.url).toBe(delta);
    expect(page?.removed).toEqual([
      { id: 'gone', reason: 'deleted' },
      { id: 'moved', reason: 'changed' },
    ]);
    expect(page?.messages.map((m) => [m.id, m.partial])).toEqual([
      ['m1', true],
      ['m9', false],
    ]);
    expect(page?.messages[0]).not.toHaveProperty('@odata.etag');
    expect(page?.missingHeaderIds).toEqual([]);
  });

  it('lists full items that came without internetMessageHeaders', () => {
    const page = parseDeltaPage({
      value: [fullItem('a'), fullItem('b', { internetMessageHeaders: [] })],
    });
    expect(page.missingHeaderIds).toEqual(['a']);
  });

  it('refuses to send its token to a link outside the configured Graph root', async () => {
    const { client, transport } = setup(() =>
      json(200, {
        '@odata.nextLink':
          'https://evil.example/v1.0/users/alice/messages/delta?$skiptoken=1',
        value: [],
      }),
    );
    const iterator = client.folderHeaderPages('alice', 'inbox');
    await expect(collect(iterator)).rejects.toMatchObject({
      code: 'UntrustedLink',
    });
    expect(transport.requests).toHaveLength(1);
  });

  it.each(['SyncStateNotFound', 'syncStateNotFound', 'resyncRequired'])(
    'throws DeltaExpiredError on 410 %s',
    async (code) => {
      const { client } = setup(() => graphError(410, code));
      await expect(
        collect(
          client.folderHeaderPages('alice', 'inbox', {
            deltaLink: `${BASE}/x?$deltatoken=1`,
          }),
        ),
      ).rejects.toBeInstanceOf(DeltaExpiredError);
    },
  );

  it('throws MailboxUnavailableError for a disabled mailbox', async () => {
    const { client } = setup(() =>
      graphError(404, 'MailboxNotEnabledForRESTAPI'),
    );
    await expect(
      collect(client.folderHeaderPages('alice', 'inbox')),
    ).rejects.toBeInstanceOf(MailboxUnavailableError);
  });
});

describe('GraphMailClient retries', () => {
  it('waits exactly Retry-After on 429 and pauses the mailbox meanwhile', async () => {
    let calls = 0;
    const { client, sleeps, limiter, now, counter } = setup(() =>
      ++calls === 1
        ? graphError(429, 'TooManyRequests', 'Please retry again later.', {
            'retry-after': '7',
          })
        : json(200, {
            value: [],
            '@odata.deltaLink': `${BASE}/d?$deltatoken=1`,
          }),
    );
    const before = now();
    await collect(client.folderHeaderPages('alice', 'inbox'));
    expect(sleeps).toEqual([7000]);
    expect(limiter.pausedUntil('alice')).toBe(0); // the pause has elapsed
    expect(now() - before).toBe(7000);
    expect(counter.httpRequests).toBe(2);
    expect(counter.retries).toBe(1);
    expect(counter.throttled).toBe(1);
  });

  it('honours an HTTP-date Retry-After on 503', async () => {
    let calls = 0;
    const { client, sleeps, now } = setup(() => {
      calls++;
      if (calls === 1) {
        return graphError(503, 'ServiceUnavailable', 'x', {
          'retry-after': new Date(now() + 3000).toUTCString(),
        });
      }
      return json(200, { id: 'inbox-id', displayName: 'Inbox' });
    });
    await client.getMailFolder('alice', 'inbox');
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(2000);
    expect(sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('backs off with full jitter when there is no Retry-After (500, reset, malformed JSON)', async () => {
    const answers: Array<() => HttpResponseData> = [
      () => graphError(500, 'InternalServerError'),
      () => {
        throw new HttpNetworkError('ECONNRESET');
      },
      () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"value":[{"id"'),
      }),
      () => json(200, { id: 'inbox-id', displayName: 'Inbox' }),
    ];
    const { client, sleeps } = setup(() => {
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected extra request');
      return answer();
    });
    await expect(client.getMailFolder('alice', 'inbox')).resolves.toMatchObject(
      { id: 'inbox-id' },
    );
    // random() = 0.5 of min(30 s, 500 ms * 2^attempt)
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('gives up after maxRetries with GraphThrottledError carrying Retry-After', async () => {
    const { client, sleeps } = setup(() =>
      graphError(429, 'TooManyRequests', 'x', { 'retry-after': '1' }),
    );
    const error = await client
      .getMailFolder('alice', 'inbox')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphThrottledError);
    expect((error as GraphThrottledError).retryAfterMs).toBe(1000);
    expect(sleeps).toHaveLength(6);
  });

  it('does not retry 400, 403 or 404', async () => {
    const { client, transport } = setup(() =>
      graphError(403, 'ErrorAccessDenied'),
    );
    await expect(client.getMailFolder('alice', 'inbox')).rejects.toBeInstanceOf(
      GraphAccessDeniedError,
    );
    expect(transport.requests).toHaveLength(1);
  });

  it('refreshes the token once after a 401, then reports GraphAuthenticationError', async () => {
    const { client, header, transport } = setup((req) =>
      req.headers['authorization']?.endsWith('-2')
        ? json(200, { id: 'x', displayName: 'Inbox' })
        : graphError(401, 'InvalidAuthenticationToken'),
    );
    await expect(client.getMailFolder('alice', 'inbox')).resolves.toMatchObject(
      { id: 'x' },
    );
    expect(header.calls).toEqual([{}, { forceRefresh: true }]);
    expect(transport.requests).toHaveLength(2);

    const always401 = setup(() =>
      graphError(401, 'InvalidAuthenticationToken'),
    );
    await expect(
      always401.client.getMailFolder('alice', 'inbox'),
    ).rejects.toBeInstanceOf(GraphAuthenticationError);
  });
});

describe('GraphMailClient batches', () => {
  type BatchBody = {
    requests: Array<{
      id: string;
      url: string;
      headers?: Record<string, string>;
    }>;
  };

  it('fetches full messages 20 per $batch and retries only the failed items after the longest Retry-After', async () => {
    const throttledOnce = new Set(['m3', 'm7']);
    const batches: string[][] = [];
    const { client, sleeps, counter } = setup((req) => {
      const body = JSON.parse(String(req.body)) as BatchBody;
      batches.push(
        body.requests.map((r) => /messages\/([^?]+)/.exec(r.url)?.[1] ?? '?'),
      );
      return json(200, {
        responses: body.requests.map((r) => {
          const id = /messages\/([^?]+)/.exec(r.url)?.[1] ?? '?';
          if (throttledOnce.delete(id)) {
            return {
              id: r.id,
              status: 429,
              headers: { 'Retry-After': id === 'm3' ? '1' : '3' },
              body: { error: { code: 'TooManyRequests' } },
            };
          }
          if (id === 'm11')
            return {
              id: r.id,
              status: 404,
              body: { error: { code: 'ErrorItemNotFound' } },
            };
          return {
            id: r.id,
            status: 200,
            body: {
              '@odata.etag': 'W/"1"',
              id,
              subject: 's',
              body: { contentType: 'html', content: '<p>hi</p>' },
            },
          };
        }),
      });
    });
    const ids = Array.from({ length: 25 }, (_, i) => `m${i + 1}`);
    const result = await client.fetchFullMessages('alice', ids);
    expect(batches.map((b) => b.length)).toEqual([20, 5, 2]);
    expect(batches[2]).toEqual(['m3', 'm7']);
    expect(sleeps).toEqual([3000]);
    expect(result.items).toHaveLength(24);
    expect(result.items[0]).not.toHaveProperty('@odata.etag');
    expect(result.missing).toEqual(['m11']);
    expect(result.failed).toEqual([]);
    expect(counter.graphRequests).toBe(27);
    expect(counter.batchItemsByStatus.get(429)).toBe(2);
  });

  it('asks each batch item for body, headers and attachment metadata with the immutable-id preference', async () => {
    let seen: BatchBody | undefined;
    const { client, transport } = setup((req) => {
      seen = JSON.parse(String(req.body)) as BatchBody;
      return json(200, {
        responses: seen.requests.map((r) => ({
          id: r.id,
          status: 200,
          body: { id: 'm1' },
        })),
      });
    });
    await client.fetchFullMessages('alice', ['m1'], {
      bodyContentType: 'text',
    });
    const item = seen?.requests[0];
    expect(item?.url).toMatch(
      /^\/users\/alice\/messages\/m1\?\$select=.*\bbody\b.*internetMessageHeaders|internetMessageHeaders.*\bbody\b/,
    );
    expect(item?.url).toContain(
      '$expand=attachments($select=id,name,contentType,size,isInline)',
    );
    expect(item?.headers?.['Prefer']).toBe(
      'IdType="ImmutableId", outlook.body-content-type="text"',
    );
    expect(transport.requests[0]?.url).toBe(`${BASE}/$batch`);
    expect(transport.requests[0]?.headers['authorization']).toBe(
      `Bearer ${BODY_TOKEN}`,
    );
  });

  it('gets missing headers with a body-less $batch on the header credential', async () => {
    let seen: BatchBody | undefined;
    const { client, transport } = setup((req) => {
      seen = JSON.parse(String(req.body)) as BatchBody;
      return json(200, {
        responses: seen.requests.map((r) => ({
          id: r.id,
          status: 200,
          body: {
            id: 'x',
            internetMessageHeaders: [{ name: 'From', value: 'a@b' }],
          },
        })),
      });
    });
    const result = await client.fetchInternetMessageHeaders('alice', [
      'a',
      'b',
    ]);
    expect(result.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(seen?.requests.map((r) => r.url)).toEqual([
      '/users/alice/messages/a?$select=internetMessageHeaders',
      '/users/alice/messages/b?$select=internetMessageHeaders',
    ]);
    expect(transport.requests[0]?.headers['authorization']).toBe(
      `Bearer ${SECRET_TOKEN_HEADER}`,
    );
  });

  it('never uses the header credential for bodies: without a body credential nothing is sent', async () => {
    const { client, transport } = setup(() => json(200, {}), {
      withBody: false,
    });
    await expect(
      client.fetchFullMessages('alice', ['m1']),
    ).rejects.toBeInstanceOf(GraphAccessDeniedError);
    await expect(client.fetchMime('alice', 'm1')).rejects.toBeInstanceOf(
      GraphAccessDeniedError,
    );
    expect(transport.requests).toHaveLength(0);
  });

  it("stops on a systemic item refusal (403) and keeps Graph's message text and tokens out of the error", async () => {
    const { client } = setup(() =>
      json(200, {
        responses: [
          {
            id: '1',
            status: 403,
            body: {
              error: {
                code: 'ErrorAccessDenied',
                message:
                  'Access denied to "Q3 pricing for Contoso" from ceo@contoso.com',
              },
            },
          },
        ],
      }),
    );
    const error = await client
      .fetchFullMessages('alice', ['m1'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphAccessDeniedError);
    const rendered = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`;
    for (const leak of [
      'Q3 pricing',
      'ceo@contoso.com',
      SECRET_TOKEN_HEADER,
      BODY_TOKEN,
      'eyJ',
    ]) {
      expect(rendered).not.toContain(leak);
    }
  });

  it('reports items still throttled after the retries as failed, not as lost', async () => {
    const { client } = setup((req) => {
      const body = JSON.parse(String(req.body)) as BatchBody;
      return json(200, {
        responses: body.requests.map((r) => ({
          id: r.id,
          status: 429,
          headers: { 'retry-after': '1' },
          body: { error: { code: 'TooManyRequests' } },
        })),
      });
    });
    const result = await client.fetchFullMessages('alice', ['m1']);
    expect(result.items).toEqual([]);
    expect(result.failed.map((f) => [f.id, f.error.kind])).toEqual([
      ['m1', 'throttled'],
    ]);
  });

  it('rejects a 400 batch item as a request failure for that item only', async () => {
    const { client } = setup((req) => {
      const body = JSON.parse(String(req.body)) as BatchBody;
      return json(200, {
        responses: body.requests.map((r, i) =>
          i === 0
            ? { id: r.id, status: 400, body: { error: { code: 'BadRequest' } } }
            : { id: r.id, status: 200, body: { id: 'ok' } },
        ),
      });
    });
    const result = await client.fetchFullMessages('alice', ['bad', 'good']);
    expect(result.items).toHaveLength(1);
    expect(result.failed[0]?.error).toBeInstanceOf(GraphRequestFailedError);
  });
});

describe('GraphMailClient mailbox pause ordering', () => {
  it('pauses the mailbox for a batch item Retry-After before the next queued batch may start', async () => {
    const events: string[] = [];
    let now = 1_700_000_000_000;
    const inner = new InProcessMailboxLimiter({ now: () => now });
    const limiter = {
      acquire: async (mailbox: string, permits: number) => {
        const release = await inner.acquire(mailbox, permits);
        events.push('acquire');
        return () => {
          events.push('release');
          release();
        };
      },
      pauseUntil: (mailbox: string, until: number) => {
        events.push(`pause+${until - now}`);
        inner.pauseUntil(mailbox, until);
      },
      pausedUntil: (mailbox: string) => inner.pausedUntil(mailbox),
    };
    let batch = 0;
    const transport = new FakeTransport((req) => {
      batch++;
      const body = JSON.parse(String(req.body)) as {
        requests: Array<{ id: string }>;
      };
      return json(200, {
        responses: body.requests.map((r, i) =>
          batch === 1 && i === 0
            ? {
                id: r.id,
                status: 429,
                headers: { 'Retry-After': '2' },
                body: { error: { code: 'TooManyRequests' } },
              }
            : { id: r.id, status: 200, body: { id: `x${r.id}` } },
        ),
      });
    });
    const client = new GraphMailClient({
      credentials: {
        header: new FakeTokens('h', ['t']),
        body: new FakeTokens('b', ['t']),
      },
      graphBaseUrl: BASE,
      transport: transport as unknown as HttpsTransport,
      limiter,
      retryDeps: {
        now: () => now,
        random: () => 0.5,
        sleep: async (ms) => {
          now += ms;
        },
      },
    });
    const ids = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const result = await client.fetchFullMessages('alice', ids);
    expect(result.items).toHaveLength(40);
    // The first batch's answer pauses the mailbox while it still holds the permits.
    expect(events.slice(0, 3)).toEqual(['acquire', 'pause+2000', 'release']);
  });
});
