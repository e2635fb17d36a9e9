// The real MSAL and the real Graph SDK, over HTTPS, against the local Graph
// simulator (tools/graph-simulator, spawned as its own process).
import {
  createTestCertificate,
  RETRY_AFTER_HONOURED,
  retryAfterReport,
  spawnGraphSimulator,
  type RunningGraphSimulator,
} from '../../testing/index.js';
import { MsalClientCredentialProvider } from '../auth/token-provider.js';
import {
  DeltaExpiredError,
  GraphAccessDeniedError,
  GraphAuthenticationError,
  MailboxUnavailableError,
} from '../errors/graph.error.js';
import { HttpNetworkError, HttpsTransport } from '../http/https-transport.js';
import { MailboxRequestBudget } from '../http/request-budget.js';
import {
  GraphUsageCounter,
  type GraphRequestListener,
} from '../middleware/accounting.middleware.js';
import { GraphMailClient } from './graph-mail-client.js';
import type {
  GraphAppCredentials,
  GraphMailClientFromAppsOptions,
} from './graph-mail-client.js';
import type {
  HeaderMessage,
  HeaderPage,
  RemovedMessage,
} from './graph-mail.types.js';

jest.setTimeout(60_000);

let sim: RunningGraphSimulator;
const clients: GraphMailClient[] = [];

beforeAll(async () => {
  sim = await spawnGraphSimulator([
    '--seed',
    '7',
    '--mailboxes',
    '4',
    '--messages',
    '400',
    '--quiet',
  ]);
});

afterAll(async () => {
  for (const client of clients) client.close();
  await sim?.stop();
});

afterEach(async () => {
  await sim.control.clearFaults();
  await sim.control.setConfig({
    throttle: { limit: 10_000, windowMs: 600_000, concurrency: 4 },
    deltaReturnsHeaders: true,
    readBasicWithholdsHeaders: false,
  });
});

function fullApp(): GraphAppCredentials {
  return {
    clientId: sim.credentials.clientId,
    credential: { kind: 'secret', clientSecret: sim.credentials.clientSecret },
  };
}

function readBasicApp(): GraphAppCredentials {
  return {
    clientId: sim.credentials.readBasic.clientId,
    credential: {
      kind: 'secret',
      clientSecret: sim.credentials.readBasic.clientSecret,
    },
  };
}

function client(
  apps: { header: GraphAppCredentials; body?: GraphAppCredentials },
  listener?: GraphRequestListener,
  extra: Pick<GraphMailClientFromAppsOptions, 'requestBudget' | 'retry'> = {},
): GraphMailClient {
  const c = GraphMailClient.fromApps({
    tenantId: sim.credentials.tenantId,
    authorityUrl: sim.credentials.authorityUrl,
    graphBaseUrl: sim.credentials.graphBaseUrl,
    ca: sim.ca,
    apps,
    ...(listener ? { listener } : {}),
    ...extra,
  });
  clients.push(c);
  return c;
}

function user(index: number): string {
  const u = sim.credentials.users[index];
  if (!u) throw new Error(`the simulator has no user #${index}`);
  return u.id;
}

async function allPages(
  iterable: AsyncIterable<HeaderPage>,
): Promise<HeaderPage[]> {
  const pages: HeaderPage[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('the HTTPS transport', () => {
  it('trusts the CA it is given, and a private certificate not without it', async () => {
    const url = `${sim.credentials.graphBaseUrl}/users`;
    const trusting = new HttpsTransport({ ca: sim.ca });
    const plain = new HttpsTransport();
    try {
      // Reached the simulator: no token, so Graph's 401.
      expect(
        (await trusting.send({ method: 'GET', url, headers: {} })).status,
      ).toBe(401);
      await expect(
        plain.send({ method: 'GET', url, headers: {} }),
      ).rejects.toThrow(HttpNetworkError);
    } finally {
      trusting.close();
      plain.close();
    }
  });
});

describe('sign-in with MSAL against the simulated identity platform', () => {
  it('gets a token with a client secret and discovers the mailboxes', async () => {
    const users = [];
    for await (const page of client({ header: fullApp() }).listUsers(2))
      users.push(...page);
    expect(users.map((u) => u.id).sort()).toEqual(
      sim.credentials.users.map((u) => u.id).sort(),
    );
  });

  it('gets a token with a certificate assertion (thumbprintSha256, private key, x5c)', async () => {
    const cert = createTestCertificate();
    const app = await sim.control.registerApp({
      roles: ['Mail.Read.All'],
      certificatePem: cert.certificatePem,
    });
    const c = client({
      header: {
        clientId: app.clientId,
        credential: {
          kind: 'certificate',
          thumbprintSha256: cert.thumbprintSha256,
          privateKeyPem: cert.privateKeyPem,
          x5c: cert.certificatePem,
        },
      },
    });
    await expect(c.getMailFolder(user(0), 'inbox')).resolves.toMatchObject({
      displayName: 'Inbox',
    });
  });

  it('refuses an assertion signed by another key, and a wrong secret, as GraphAuthenticationError without secrets', async () => {
    const registered = createTestCertificate();
    const other = createTestCertificate();
    const app = await sim.control.registerApp({
      roles: ['Mail.Read.All'],
      certificatePem: registered.certificatePem,
    });
    const transport = new HttpsTransport({ ca: sim.ca });
    try {
      const forged = new MsalClientCredentialProvider({
        tenantId: sim.credentials.tenantId,
        authorityUrl: sim.credentials.authorityUrl,
        clientId: app.clientId,
        // The registered thumbprint, but a different private key.
        credential: {
          kind: 'certificate',
          thumbprintSha256: registered.thumbprintSha256,
          privateKeyPem: other.privateKeyPem,
        },
        transport,
      });
      await expect(forged.getAccessToken()).rejects.toBeInstanceOf(
        GraphAuthenticationError,
      );

      const wrongSecret = 'not-the-secret-Zx81~q';
      const bad = new MsalClientCredentialProvider({
        tenantId: sim.credentials.tenantId,
        authorityUrl: sim.credentials.authorityUrl,
        clientId: sim.credentials.clientId,
        credential: { kind: 'secret', clientSecret: wrongSecret },
        transport,
      });
      const error = await bad.getAccessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphAuthenticationError);
      const rendered = `${String(error)} ${JSON.stringify(error)}`;
      expect(rendered).not.toContain(wrongSecret);
      expect(rendered).not.toContain(sim.credentials.clientSecret);
    } finally {
      transport.close();
    }
  });
});

describe('delta paging', () => {
  const FOLDER_SIZE = 5000;
  let deltaLink: string | undefined;
  let firstRoundIds: string[] = [];
  let mailbox: string;
  const counter = new GraphUsageCounter();

  beforeAll(async () => {
    mailbox = user(1);
    const folder = await client({ header: fullApp() }).getMailFolder(
      mailbox,
      'inbox',
    );
    const missing = FOLDER_SIZE - (folder.totalItemCount ?? 0);
    if (missing > 0) await sim.control.deliver(mailbox, { count: missing });
    const after = await client({ header: fullApp() }).getMailFolder(
      mailbox,
      'inbox',
    );
    expect(after.totalItemCount).toBe(FOLDER_SIZE);
  });

  it('pages a 5,000-message folder with nextLinks and ends on a deltaLink, headers only', async () => {
    await sim.control.resetAccounting();
    const c = client({ header: readBasicApp(), body: fullApp() }, counter);
    const pages = await allPages(
      c.folderHeaderPages(mailbox, 'inbox', { pageSize: 999 }),
    );
    const ids = pages.flatMap((p) => p.messages.map((m) => m.id));
    expect(ids).toHaveLength(FOLDER_SIZE);
    expect(new Set(ids).size).toBe(FOLDER_SIZE);
    firstRoundIds = ids;
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(FOLDER_SIZE / 999));
    pages.slice(0, -1).forEach((p) => {
      expect(p.nextLink).toMatch(/^https:\/\/localhost:\d+\/v1\.0\//);
      expect(p.deltaLink).toBeUndefined();
    });
    deltaLink = pages.at(-1)?.deltaLink;
    expect(deltaLink).toMatch(/^https:\/\/localhost:\d+\/v1\.0\//);
    const sample = pages[0]?.messages[0] as HeaderMessage;
    expect(sample.partial).toBe(false);
    expect(sample).not.toHaveProperty('body');
    expect(sample).not.toHaveProperty('bodyPreview');
    expect(sample.internetMessageHeaders?.length).toBeGreaterThan(0);
    expect(pages.every((p) => p.missingHeaderIds.length === 0)).toBe(true);

    const accounting = await sim.control.accounting();
    expect(accounting.requests.byMailbox[mailbox]).toBe(pages.length);
    expect(counter.bytes.body).toBe(0);
    expect(counter.bytes.header).toBeGreaterThan(0);
  });

  it('sees only new, changed and removed mail in the next round', async () => {
    expect(deltaLink).toBeDefined();
    const c = client({ header: readBasicApp(), body: fullApp() });
    const existing = firstRoundIds;
    const roundStart = deltaLink;
    const [changed, removed] = existing;
    if (!changed || !removed || !roundStart)
      throw new Error('first round returned too little');

    await sim.control.deliver(mailbox, { count: 3 });
    await sim.control.patchMessage(mailbox, changed, {
      isRead: true,
      categories: ['Followed up'],
    });
    await sim.control.deleteMessage(mailbox, removed);

    const next = await allPages(
      c.folderHeaderPages(mailbox, 'inbox', {
        deltaLink: roundStart,
        pageSize: 10,
      }),
    );
    const messages = next.flatMap((p) => p.messages);
    const gone: RemovedMessage[] = next.flatMap((p) => p.removed);
    expect(gone).toEqual([{ id: removed, reason: 'deleted' }]);
    const created = messages.filter((m) => !existing.includes(m.id));
    expect(created).toHaveLength(3);
    expect(created.every((m) => !m.partial)).toBe(true);
    const updated = messages.filter((m) => m.id === changed);
    expect(updated).toHaveLength(1);
    expect(updated[0]?.isRead).toBe(true);
    expect(messages).toHaveLength(4);
    expect(next.at(-1)?.deltaLink).toBeDefined();
  });

  it('recovers from 410 SyncStateNotFound by restarting the folder', async () => {
    const c = client({ header: readBasicApp() });
    const first = await allPages(
      c.folderHeaderPages(mailbox, 'sentitems', { pageSize: 200 }),
    );
    const link = first.at(-1)?.deltaLink;
    expect(link).toBeDefined();
    await sim.control.invalidateDelta(mailbox);
    const error = await allPages(
      c.folderHeaderPages(mailbox, 'sentitems', {
        deltaLink: link,
        pageSize: 200,
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeltaExpiredError);
    // The worker's recovery: the same folder from scratch.
    const again = await allPages(
      c.folderHeaderPages(mailbox, 'sentitems', { pageSize: 200 }),
    );
    const count = (pages: HeaderPage[]) =>
      pages.reduce((n, p) => n + p.messages.length, 0);
    expect(count(again)).toBe(count(first));
  });
});

describe('permissions and the missing-headers path', () => {
  it('never lets a Mail.ReadBasic.All token read bodies or MIME', async () => {
    const basic = client({ header: readBasicApp(), body: readBasicApp() });
    const [page] = await allPages(
      basic.folderHeaderPages(user(2), 'inbox', { pageSize: 5 }),
    ).then((p) => p.slice(0, 1));
    const id = page?.messages[0]?.id;
    if (!id) throw new Error('no message to read');
    await expect(basic.fetchFullMessages(user(2), [id])).rejects.toBeInstanceOf(
      GraphAccessDeniedError,
    );
    await expect(basic.fetchMime(user(2), id)).rejects.toBeInstanceOf(
      GraphAccessDeniedError,
    );

    // The least-privilege pair: ReadBasic for headers, Read.All for bodies.
    const pair = client({ header: readBasicApp(), body: fullApp() });
    const fetched = await pair.fetchFullMessages(user(2), [id]);
    expect(fetched.items[0]?.body?.content.length).toBeGreaterThan(0);
    const mime = await pair.fetchMime(user(2), id);
    expect(mime.toString('utf8')).toMatch(/^[\s\S]*Message-ID:/im);
  });

  it('fetches internetMessageHeaders with a body-less $batch when delta leaves them out', async () => {
    await sim.control.setConfig({ deltaReturnsHeaders: false });
    const c = client({ header: readBasicApp() });
    let page: HeaderPage | undefined;
    for await (const p of c.folderHeaderPages(user(2), 'inbox', {
      pageSize: 30,
    })) {
      page = p;
      break;
    }
    expect(page?.missingHeaderIds.length).toBe(page?.messages.length);
    const ids = page?.missingHeaderIds ?? [];
    expect(ids.length).toBe(30);
    const counter = new GraphUsageCounter();
    const withCounter = client({ header: readBasicApp() }, counter);
    const headers = await withCounter.fetchInternetMessageHeaders(user(2), ids);
    expect(headers.items).toHaveLength(30);
    expect(headers.failed).toEqual([]);
    for (const item of headers.items) {
      expect(
        item.internetMessageHeaders.map((h) => h.name.toLowerCase()),
      ).toContain('message-id');
    }
    expect(counter.httpRequests).toBe(2); // 30 ids: a batch of 20 and one of 10
    expect(counter.bytes.body).toBe(0);
  });
});

describe('mailbox and consent failures', () => {
  it('reports a disabled mailbox as MailboxUnavailableError', async () => {
    await sim.control.disableUser(user(3));
    await expect(
      allPages(
        client({ header: fullApp() }).folderHeaderPages(user(3), 'inbox'),
      ),
    ).rejects.toBeInstanceOf(MailboxUnavailableError);
  });

  it('survives token revocation (401, then a fresh token) and reports revoked consent as GraphAccessDeniedError', async () => {
    const app = await sim.control.registerApp({ roles: ['Mail.Read.All'] });
    if (!app.clientSecret) throw new Error('the simulator returned no secret');
    const c = client({
      header: {
        clientId: app.clientId,
        credential: { kind: 'secret', clientSecret: app.clientSecret },
      },
    });
    await c.getMailFolder(user(0), 'inbox');
    await sim.control.revokeTokens();
    await expect(c.getMailFolder(user(0), 'inbox')).resolves.toMatchObject({
      displayName: 'Inbox',
    });
    await sim.control.revokeConsent(app.clientId);
    await expect(c.getMailFolder(user(0), 'inbox')).rejects.toBeInstanceOf(
      GraphAccessDeniedError,
    );
  });
});

describe('throttling and faults', () => {
  async function syncMailbox(
    c: GraphMailClient,
    mailbox: string,
    fetchLimit: number,
  ) {
    const [inbox, sent] = await Promise.all(
      ['inbox', 'sentitems'].map((folder) =>
        allPages(c.folderHeaderPages(mailbox, folder, { pageSize: 50 })),
      ),
    );
    const ids = [...(inbox ?? []), ...(sent ?? [])]
      .flatMap((p) => p.messages.map((m) => m.id))
      .slice(0, fetchLimit);
    const fetched = await c.fetchFullMessages(mailbox, ids);
    return { ids, fetched };
  }

  it('survives a 429 storm honouring Retry-After, never more than 4 requests at once per mailbox', async () => {
    const mailbox = user(0);
    // Small windows keep the test fast: 60 requests per 1.5 s per app and mailbox,
    // plus 15% random 429s with Retry-After: 1.
    await sim.control.setConfig({
      throttle: { limit: 60, windowMs: 1500, concurrency: 4 },
    });
    await sim.control.setFaults({
      rates: { '429': 0.15 },
      retryAfterSeconds: 1,
      userId: mailbox,
    });
    await sim.control.resetAccounting();
    const counter = new GraphUsageCounter();
    const c = client({ header: readBasicApp(), body: fullApp() }, counter);

    const { ids, fetched } = await syncMailbox(c, mailbox, 240);
    expect(ids).toHaveLength(240);
    expect(fetched.failed).toEqual([]);
    expect(fetched.items.length + fetched.missing.length).toBe(ids.length);
    expect(fetched.missing).toEqual([]);

    const accounting = await sim.control.accounting();
    expect(accounting.throttled).toBeGreaterThan(5); // the storm happened
    expect(counter.throttled).toBe(accounting.throttled);
    expect(retryAfterReport(accounting)).toEqual(RETRY_AFTER_HONOURED);
    expect(accounting.maxConcurrencyByMailbox[mailbox]).toBeLessThanOrEqual(4);
  });

  it('paces itself under the per-(app, mailbox) budget instead of meeting 429s', async () => {
    const mailbox = user(1);
    await sim.control.setConfig({
      throttle: { limit: 100, windowMs: 1000, concurrency: 4 },
    });
    await sim.control.resetAccounting();
    let pacedAttempts = 0;
    const statuses: number[] = [];
    const c = client(
      { header: readBasicApp(), body: fullApp() },
      {
        onRequest: (event) => {
          if (event.pacedMs > 0) pacedAttempts++;
          statuses.push(event.status);
        },
      },
      {
        // Told the simulator's budget exactly, with no headroom: requests
        // count until a window after their answer, so none can be throttled.
        requestBudget: new MailboxRequestBudget({
          limit: 100,
          windowMs: 1000,
          headroom: 0,
        }),
      },
    );

    const { ids, fetched } = await syncMailbox(c, mailbox, 240);
    expect(fetched.failed).toEqual([]);
    expect(fetched.items.length).toBe(ids.length);
    expect(pacedAttempts).toBeGreaterThan(0); // the budget was the limit
    const accounting = await sim.control.accounting();
    expect(accounting.throttled).toBe(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(accounting.maxConcurrencyByMailbox[mailbox]).toBeLessThanOrEqual(4);
  });

  it('rides out 5xx, malformed and truncated JSON and connection resets', async () => {
    const mailbox = user(2);
    await sim.control.setFaults({
      rates: {
        '500': 0.04,
        '503': 0.04,
        '504': 0.04,
        malformedJson: 0.04,
        truncatedJson: 0.04,
        connectionReset: 0.04,
      },
      retryAfterSeconds: 1,
      userId: mailbox,
    });
    await sim.control.resetAccounting();
    const c = client({ header: readBasicApp(), body: fullApp() }, undefined, {
      // Short backoff for the test; production keeps 500 ms .. 30 s.
      retry: { maxRetries: 10, backoff: { baseDelayMs: 20, maxDelayMs: 200 } },
    });
    const { ids, fetched } = await syncMailbox(c, mailbox, 120);
    expect(fetched.failed).toEqual([]);
    expect(fetched.items.length).toBe(ids.length);
    const statuses = (await sim.control.accounting())['status'] as
      | Record<string, number>
      | undefined;
    // The faults really fired.
    expect(
      Object.keys(statuses ?? {}).filter((s) => Number(s) >= 500).length,
    ).toBeGreaterThan(0);
    const accounting = await sim.control.accounting();
    expect(retryAfterReport(accounting)).toEqual(RETRY_AFTER_HONOURED);
    expect(accounting.maxConcurrencyByMailbox[mailbox]).toBeLessThanOrEqual(4);
  });
});
