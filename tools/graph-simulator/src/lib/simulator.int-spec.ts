import { ConfidentialClientApplication } from '@azure/msal-node';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareShape,
  readExample,
  SimHttp,
} from '../../test/sim-test-client.js';
import {
  startGraphSimulator,
  type RunningGraphSimulator,
} from './simulator.js';

// The simulator over real HTTPS, with the real MSAL, compared key by key with
// Microsoft's documented payloads (test/fixtures/graph-examples).

jest.setTimeout(30_000);

let sim: RunningGraphSimulator;
let http: SimHttp;
let stateDir: string;
let token: string;
let basicToken: string;

const c = () => sim.credentials;
const user = (i: number) => c().users[i]?.id as string;
const auth = (t = token) => ({ authorization: `Bearer ${t}` });
const PREFER = 'odata.maxpagesize=50, IdType="ImmutableId"';

async function clientCredentialsToken(
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const res = await http.send(`${c().authorityUrl}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
  });
  expect(res.status).toBe(200);
  return res.json<{ access_token: string }>().access_token;
}

async function control(method: string, path: string, body?: unknown) {
  return http.send(`${c().controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function deltaAll(url: string, prefer = PREFER, t = token) {
  const pages: Record<string, unknown>[] = [];
  let next: string | undefined = url;
  let deltaLink: string | undefined;
  while (next) {
    const res = await http.send(next, { headers: { ...auth(t), prefer } });
    expect(res.status).toBe(200);
    const page = res.json();
    pages.push(page);
    next = page['@odata.nextLink'] as string | undefined;
    deltaLink = page['@odata.deltaLink'] as string | undefined;
  }
  const items = pages.flatMap((p) => p['value'] as Record<string, unknown>[]);
  return { pages, items, deltaLink: deltaLink as string };
}

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'graph-sim-test-'));
  sim = await startGraphSimulator({
    port: 0,
    seed: 7,
    mailboxes: 3,
    messages: 300,
    stateDir,
  });
  http = new SimHttp(readFileSync(c().caCertPath, 'utf8'));
  token = await clientCredentialsToken(c().clientId, c().clientSecret);
  basicToken = await clientCredentialsToken(
    c().readBasic.clientId,
    c().readBasic.clientSecret,
  );
});

afterAll(async () => {
  http?.close();
  await sim?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

afterEach(async () => {
  await control('DELETE', '/faults');
  await control('PUT', '/config', {
    throttle: { limit: 10_000, windowMs: 600_000, concurrency: 4 },
    deltaReturnsHeaders: true,
    readBasicWithholdsHeaders: false,
  });
});

describe('identity platform', () => {
  it('serves an openid-configuration with the keys of the documented one, issuer on this host', async () => {
    const res = await http.send(
      `${c().authorityUrl}/v2.0/.well-known/openid-configuration`,
    );
    const body = res.json();
    const diff = compareShape(
      body,
      readExample('openid-configuration-common.json'),
    );
    expect(diff.missing).toEqual([]);
    expect(diff.mismatched).toEqual([]);
    expect(diff.extra.sort()).toEqual([
      '$.device_authorization_endpoint',
      '$.kerberos_endpoint',
    ]);
    expect(body['issuer']).toBe(`${c().baseUrl}/${c().tenantId}/v2.0`);
    expect(body['token_endpoint']).toBe(
      `${c().authorityUrl}/oauth2/v2.0/token`,
    );
  });

  it('serves instance discovery in the documented shape', async () => {
    const res = await http.send(
      `${c().baseUrl}/common/discovery/instance?api-version=1.1&authorization_endpoint=x`,
    );
    const diff = compareShape(
      res.json(),
      readExample('instance-discovery-response.json'),
    );
    expect(diff).toEqual({ missing: [], mismatched: [], extra: [] });
  });

  it('answers client credentials with the documented token response', async () => {
    const res = await http.send(`${c().authorityUrl}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${c().clientId}&client_secret=${encodeURIComponent(c().clientSecret)}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
    });
    const diff = compareShape(
      res.json(),
      readExample('token-response-client-credentials.json'),
    );
    expect(diff).toEqual({
      missing: [],
      mismatched: [],
      extra: ['$.ext_expires_in'],
    });
    const [, payload] = res
      .json<{ access_token: string }>()
      .access_token.split('.');
    const claims = JSON.parse(
      Buffer.from(payload ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      tid: c().tenantId,
      appid: c().clientId,
      roles: ['Mail.Read.All'],
    });
    expect(typeof claims['exp']).toBe('number');
  });

  it('lets the real MSAL sign in with the client secret and with the certificate', async () => {
    const system = { networkClient: http.msalNetworkClient() };
    const knownAuthorities = [new URL(c().baseUrl).host];
    const bySecret = new ConfidentialClientApplication({
      auth: {
        clientId: c().clientId,
        clientSecret: c().clientSecret,
        authority: c().authorityUrl,
        knownAuthorities,
      },
      system,
    });
    const a = await bySecret.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    expect(a?.accessToken).toBeTruthy();
    const byCert = new ConfidentialClientApplication({
      auth: {
        clientId: c().readBasic.clientId,
        authority: c().authorityUrl,
        knownAuthorities,
        clientCertificate: {
          thumbprintSha256: c().certificate.thumbprintSha256,
          privateKey: readFileSync(c().certificate.privateKeyPath, 'utf8'),
        },
      },
      system,
    });
    const b = await byCert.acquireTokenByClientCredential({
      scopes: ['https://graph.microsoft.com/.default'],
    });
    const res = await http.send(
      `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox`,
      { headers: auth(b?.accessToken ?? '') },
    );
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret as Entra ID does', async () => {
    const res = await http.send(`${c().authorityUrl}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${c().clientId}&client_secret=wrong&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
    });
    expect(res.status).toBe(401);
    expect(res.json()).toMatchObject({
      error: 'invalid_client',
      error_codes: [7000215],
    });
    expect(res.text).not.toContain(c().clientSecret);
  });

  it('answers forged, expired and revoked tokens with Graph 401', async () => {
    const [h, p] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()),
        roles: ['Mail.Read.All'],
        appid: c().readBasic.clientId,
      }),
    ).toString('base64url');
    const forged = await http.send(`${c().graphBaseUrl}/users`, {
      headers: auth(`${h}.${forgedPayload}.${token.split('.')[2]}`),
    });
    expect(forged.status).toBe(401);
    expect(forged.json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken' },
    });
    expect(forged.headers['www-authenticate']).toMatch(/^Bearer /);

    await control('PUT', '/config', { tokenLifetimeSeconds: 1 });
    const shortLived = await clientCredentialsToken(
      c().clientId,
      c().clientSecret,
    );
    await control('PUT', '/config', { tokenLifetimeSeconds: 3599 });
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await http.send(`${c().graphBaseUrl}/users`, {
      headers: auth(shortLived),
    });
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: expect.stringMatching(/expired/),
      },
    });

    const victim = await clientCredentialsToken(c().clientId, c().clientSecret);
    expect((await control('POST', '/tokens/revoke')).status).toBe(204);
    expect(
      (await http.send(`${c().graphBaseUrl}/users`, { headers: auth(victim) }))
        .status,
    ).toBe(401);
    token = await clientCredentialsToken(c().clientId, c().clientSecret);
    basicToken = await clientCredentialsToken(
      c().readBasic.clientId,
      c().readBasic.clientSecret,
    );
    expect(
      (await http.send(`${c().graphBaseUrl}/users`, { headers: auth() }))
        .status,
    ).toBe(200);
  });

  it('runs authorization code with PKCE and redirects admin consent back', async () => {
    const verifier = 'v'.repeat(50);
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://localhost:3000/auth/callback';
    const authorize = await http.send(
      `${c().authorityUrl}/oauth2/v2.0/authorize?client_id=${c().clientId}&response_type=code&redirect_uri=${encodeURIComponent(redirectUri)}&scope=${encodeURIComponent('https://graph.microsoft.com/Mail.Read openid')}&state=s1&code_challenge=${challenge}&code_challenge_method=S256&login_hint=${encodeURIComponent(c().users[1]?.userPrincipalName ?? '')}`,
    );
    expect(authorize.status).toBe(302);
    const back = new URL(String(authorize.headers['location']));
    expect(back.searchParams.get('state')).toBe('s1');
    const form = (v: string) =>
      new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: c().clientId,
        client_secret: c().clientSecret,
        code: back.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: v,
      }).toString();
    const res = await http.send(`${c().authorityUrl}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form(verifier),
    });
    expect(res.status).toBe(200);
    const delegated = res.json<{ access_token: string; id_token: string }>();
    expect(
      (
        await http.send(`${c().graphBaseUrl}/me/mailFolders/inbox`, {
          headers: auth(delegated.access_token),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await http.send(
          `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox`,
          { headers: auth(delegated.access_token) },
        )
      ).status,
    ).toBe(403);

    const consent = await http.send(
      `${c().baseUrl}/${c().tenantId}/adminconsent?client_id=${c().clientId}&state=x9&redirect_uri=${encodeURIComponent(redirectUri)}`,
    );
    const consentBack = new URL(String(consent.headers['location']));
    expect(Object.fromEntries(consentBack.searchParams)).toMatchObject({
      admin_consent: 'True',
      tenant: c().tenantId,
      state: 'x9',
    });
  });
});

describe('Graph v1.0 mail', () => {
  it('pages users with an opaque https nextLink', async () => {
    const first = await http.send(`${c().graphBaseUrl}/users?$top=2`, {
      headers: auth(),
    });
    const page = first.json();
    expect(page['value']).toHaveLength(2);
    const next = String(page['@odata.nextLink']);
    expect(next.startsWith(`${c().baseUrl}/v1.0/users?`)).toBe(true);
    const second = (await http.send(next, { headers: auth() })).json();
    expect((second['value'] as unknown[]).length).toBe(1);
    expect(second['@odata.nextLink']).toBeUndefined();
  });

  it('delta pages look like the documented ones and end with a deltaLink', async () => {
    const url = `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox/messages/delta?$select=subject,sender,isRead`;
    const res = await http.send(url, {
      headers: { ...auth(), prefer: 'odata.maxpagesize=2' },
    });
    const page1 = res.json();
    const diff = compareShape(
      page1,
      readExample('message-delta-round1-page1-nextLink.json'),
    );
    expect(diff).toEqual({ missing: [], mismatched: [], extra: [] });
    expect(String(page1['@odata.nextLink'])).toMatch(
      new RegExp(
        `^${c().baseUrl}/v1\\.0/users/${user(0)}/mailfolders\\('[^']+'\\)/messages/delta\\?\\$skiptoken=[A-Za-z0-9_-]+$`,
      ),
    );
    expect(res.headers['preference-applied']).toBe('odata.maxpagesize=2');

    const all = await deltaAll(url, 'odata.maxpagesize=100');
    const tenant = (
      await control('GET', '/_sim/tenant'.replace('/_sim', ''))
    ).json<{
      users: { id: string; folders: { inbox: { messageCount: number } } }[];
    }>();
    expect(all.items).toHaveLength(
      tenant.users[0]?.folders.inbox.messageCount ?? -1,
    );
    expect(new Set(all.items.map((m) => m['id'])).size).toBe(all.items.length);
    const last = all.pages[all.pages.length - 1] as Record<string, unknown>;
    expect(
      compareShape(
        last,
        readExample('message-delta-round1-page3-deltaLink.json'),
      ),
    ).toEqual({ missing: [], mismatched: [], extra: [] });
    // Without Prefer: odata.maxpagesize, Graph pages by 10.
    expect(
      ((await http.send(url, { headers: auth() })).json()['value'] as unknown[])
        .length,
    ).toBe(10);
  });

  it('later rounds return created, updated (changed properties only) and removed items', async () => {
    const mbx = user(1);
    const url = `${c().graphBaseUrl}/users/${mbx}/mailFolders/inbox/messages/delta?$select=subject,sender,isRead,receivedDateTime`;
    const round1 = await deltaAll(url);
    const [changed, removed] = round1.items
      .filter((m) => m['isRead'] === false)
      .concat(round1.items)
      .map((m) => String(m['id']));
    expect(
      (
        await control(
          'PATCH',
          `/users/${mbx}/messages/${encodeURIComponent(changed ?? '')}`,
          { isRead: true },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await control(
          'DELETE',
          `/users/${mbx}/messages/${encodeURIComponent(removed ?? '')}`,
        )
      ).status,
    ).toBe(204);
    expect(
      (
        await control('POST', `/users/${mbx}/deliver`, {
          count: 2,
          messages: [
            {
              subject: 'Hello',
              from: { emailAddress: { name: 'P', address: 'p@fabrikam.com' } },
            },
          ],
        })
      ).status,
    ).toBe(201);

    const round2 = await deltaAll(round1.deltaLink);
    const example = readExample<{ value: Record<string, unknown>[] }>(
      'message-delta-round2-removed-and-updated.json',
    );
    // The documented "isRead": "true" is a typo for a boolean (fixture README).
    (example.value[1] as Record<string, unknown>)['isRead'] = true;
    const gone = round2.items.filter((m) => '@removed' in m);
    expect(gone).toEqual([
      {
        '@odata.type': '#microsoft.graph.message',
        id: removed,
        '@removed': { reason: 'deleted' },
      },
    ]);
    expect(compareShape(gone[0], example.value[0])).toEqual({
      missing: [],
      mismatched: [],
      extra: [],
    });
    const updated = round2.items.find((m) => m['id'] === changed) as Record<
      string,
      unknown
    >;
    expect(updated['isRead']).toBe(true);
    expect(updated['subject']).toBeUndefined();
    const created = round2.items.filter(
      (m) => !('@removed' in m) && m['id'] !== changed,
    );
    expect(created).toHaveLength(3);
    expect(created.map((m) => m['subject'])).toContain('Hello');
    expect(compareShape(created[0], example.value[1]).missing).toEqual([]);
    // A third round from the new deltaLink is empty.
    expect((await deltaAll(round2.deltaLink)).items).toEqual([]);
  });

  it('honours $filter=receivedDateTime ge and returns internetMessageHeaders only when selected and switched on', async () => {
    const truth = (await control('GET', `/users/${user(2)}/truth`)).json<
      { folder: string; receivedDateTime: string }[]
    >();
    const inbox = truth
      .filter((t) => t.folder === 'inbox')
      .map((t) => t.receivedDateTime)
      .sort();
    const since = inbox[Math.floor(inbox.length / 2)] as string;
    const expected = inbox.filter((d) => d >= since).length;
    const base = `${c().graphBaseUrl}/users/${user(2)}/mailFolders('inbox')/messages/delta?$filter=${encodeURIComponent(`receivedDateTime ge ${since}`)}`;
    const withHeaders = await deltaAll(
      `${base}&$select=subject,internetMessageHeaders`,
    );
    expect(withHeaders.items).toHaveLength(expected);
    expect(
      withHeaders.items.every((m) =>
        Array.isArray(m['internetMessageHeaders']),
      ),
    ).toBe(true);
    const plain = await deltaAll(`${base}&$select=subject`);
    expect(plain.items.some((m) => 'internetMessageHeaders' in m)).toBe(false);
    await control('PUT', '/config', { deltaReturnsHeaders: false });
    const switchedOff = await deltaAll(
      `${base}&$select=subject,internetMessageHeaders`,
    );
    expect(switchedOff.items.some((m) => 'internetMessageHeaders' in m)).toBe(
      false,
    );
    expect(
      (await http.send(`${base}&$select=nosuchproperty`, { headers: auth() }))
        .status,
    ).toBe(400);
  });

  it('answers 410 SyncStateNotFound for links minted before an invalidation', async () => {
    const url = `${c().graphBaseUrl}/users/${user(0)}/mailFolders/sentitems/messages/delta?$select=subject`;
    const first = (
      await http.send(url, { headers: { ...auth(), prefer: PREFER } })
    ).json();
    await control('POST', `/users/${user(0)}/delta/invalidate`);
    const res = await http.send(String(first['@odata.nextLink']), {
      headers: { ...auth(), prefer: PREFER },
    });
    expect(res.status).toBe(410);
    expect(res.json()).toMatchObject({ error: { code: 'SyncStateNotFound' } });
    expect(
      (await http.send(url, { headers: { ...auth(), prefer: PREFER } })).status,
    ).toBe(200);
  });

  it('gets a message by default and with internetMessageHeaders in the documented shapes', async () => {
    const [first] = (
      await deltaAll(
        `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox/messages/delta?$select=subject`,
      )
    ).items;
    const id = encodeURIComponent(String(first?.['id']));
    const def = (
      await http.send(`${c().graphBaseUrl}/users/${user(0)}/messages/${id}`, {
        headers: { ...auth(), prefer: PREFER },
      })
    ).json();
    const d1 = compareShape(
      def,
      readExample('message-get-default-properties.json'),
    );
    expect(d1.missing).toEqual([]);
    expect(d1.mismatched).toEqual([]);
    expect(d1.extra).toEqual(['$.conversationIndex']);
    expect(def['internetMessageHeaders']).toBeUndefined();
    expect(def['uniqueBody']).toBeUndefined();

    const hdr = (
      await http.send(
        `${c().graphBaseUrl}/users/${user(0)}/messages/${id}?$select=internetMessageHeaders`,
        { headers: { ...auth(), prefer: PREFER } },
      )
    ).json();
    expect(
      compareShape(hdr, readExample('message-get-internetMessageHeaders.json')),
    ).toEqual({ missing: [], mismatched: [], extra: [] });
    const names = (hdr['internetMessageHeaders'] as { name: string }[]).map(
      (h) => h.name.toLowerCase(),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'message-id',
        'from',
        'date',
        'subject',
        'content-type',
        'mime-version',
      ]),
    );

    const text = (
      await http.send(
        `${c().graphBaseUrl}/users/${user(0)}/messages/${id}?$select=body`,
        {
          headers: {
            ...auth(),
            prefer: `${PREFER}, outlook.body-content-type="text"`,
          },
        },
      )
    ).json<{ body: { contentType: string; content: string } }>();
    expect(text.body.contentType).toBe('text');
    expect(text.body.content).not.toMatch(/<html/i);

    const mime = await http.send(
      `${c().graphBaseUrl}/users/${user(0)}/messages/${id}/$value`,
      { headers: { ...auth(), prefer: PREFER } },
    );
    expect(mime.status).toBe(200);
    expect(mime.text).toMatch(/^Message-ID: </im);
  });

  it('refuses bodies to Mail.ReadBasic.All tokens with 403 ErrorAccessDenied', async () => {
    const [first] = (
      await deltaAll(
        `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox/messages/delta?$select=subject`,
        PREFER,
        basicToken,
      )
    ).items;
    const id = encodeURIComponent(String(first?.['id']));
    for (const path of [
      `messages/${id}?$select=body`,
      `messages/${id}?$select=subject,bodyPreview`,
      `messages/${id}?$select=uniqueBody`,
      `messages/${id}/$value`,
      `mailFolders/inbox/messages/delta?$select=body`,
    ]) {
      const res = await http.send(
        `${c().graphBaseUrl}/users/${user(0)}/${path}`,
        { headers: { ...auth(basicToken), prefer: PREFER } },
      );
      expect([path, res.status]).toEqual([path, 403]);
      const err = res.json<{ error: Record<string, unknown> }>().error;
      expect(err['code']).toBe('ErrorAccessDenied');
      expect(Object.keys(err['innerError'] as object).sort()).toEqual([
        'client-request-id',
        'date',
        'request-id',
      ]);
    }
    const def = (
      await http.send(`${c().graphBaseUrl}/users/${user(0)}/messages/${id}`, {
        headers: { ...auth(basicToken), prefer: PREFER },
      })
    ).json();
    expect(def['body']).toBeUndefined();
    expect(def['bodyPreview']).toBeUndefined();
    expect(def['subject']).toBeDefined();
    await control('PUT', '/config', { readBasicWithholdsHeaders: true });
    const hdr = (
      await http.send(
        `${c().graphBaseUrl}/users/${user(0)}/messages/${id}?$select=internetMessageHeaders`,
        { headers: { ...auth(basicToken), prefer: PREFER } },
      )
    ).json();
    expect(hdr['internetMessageHeaders']).toBeUndefined();
  });

  it('answers $batch in the documented shape, 400 beyond 20 requests or with duplicate ids', async () => {
    const ids = (
      await deltaAll(
        `${c().graphBaseUrl}/users/${user(1)}/mailFolders/inbox/messages/delta?$select=subject`,
      )
    ).items
      .slice(0, 5)
      .map((m) => String(m['id']));
    const requests = [
      ...ids.map((id, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: `/users/${user(1)}/messages/${encodeURIComponent(id)}?$select=internetMessageHeaders`,
        headers: { prefer: PREFER },
      })),
      {
        id: '9',
        method: 'GET',
        url: `/users/${user(1)}/messages/AAMkAGnosuchmessage`,
      },
    ];
    const res = await http.send(`${c().graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ requests }),
    });
    expect(res.status).toBe(200);
    const body = res.json<{ responses: Record<string, unknown>[] }>();
    const example = readExample<{ responses: Record<string, unknown>[] }>(
      'batch-response.json',
    );
    expect(body.responses.map((r) => r['id']).sort()).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '9',
    ]);
    const ok = body.responses.find((r) => r['id'] === '1');
    const notFound = body.responses.find((r) => r['id'] === '9') as Record<
      string,
      unknown
    >;
    const { body: _okBody, ...okEnvelope } = ok ?? {};
    const { body: _exBody, ...exEnvelope } = example.responses[0] ?? {};
    expect(compareShape(okEnvelope, exEnvelope).missing).toEqual([]);
    expect(notFound['status']).toBe(404);
    expect(compareShape(notFound, example.responses[2]).missing).toEqual([]);
    expect(compareShape(notFound, example.responses[2]).mismatched).toEqual([]);

    const tooMany = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: `/users/${user(1)}`,
    }));
    expect(
      (
        await http.send(`${c().graphBaseUrl}/$batch`, {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
          body: JSON.stringify({ requests: tooMany }),
        })
      ).status,
    ).toBe(400);
    const dup = [
      { id: '1', method: 'GET', url: `/users/${user(1)}` },
      { id: '1', method: 'GET', url: `/users/${user(1)}` },
    ];
    expect(
      (
        await http.send(`${c().graphBaseUrl}/$batch`, {
          method: 'POST',
          headers: { ...auth(), 'content-type': 'application/json' },
          body: JSON.stringify({ requests: dup }),
        })
      ).status,
    ).toBe(400);
  });
});

describe('throttling, faults and accounting', () => {
  it('throttles per app and mailbox with the documented 429 body and Retry-After, inside $batch too', async () => {
    await control('PUT', '/config', {
      throttle: { limit: 3, windowMs: 4000, concurrency: 4 },
    });
    await control('POST', '/accounting/reset');
    const url = `${c().graphBaseUrl}/users/${user(2)}/mailFolders/inbox`;
    for (let i = 0; i < 3; i++)
      expect((await http.send(url, { headers: auth() })).status).toBe(200);
    const throttled = await http.send(url, { headers: auth() });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(
      compareShape(throttled.json(), readExample('throttling-429-body.json')),
    ).toEqual({ missing: [], mismatched: [], extra: [] });
    // Another app on the same mailbox has its own budget.
    expect((await http.send(url, { headers: auth(basicToken) })).status).toBe(
      200,
    );

    await new Promise((r) => setTimeout(r, 150));
    const batch = await http.send(`${c().graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          {
            id: 'a',
            method: 'GET',
            url: `/users/${user(2)}/mailFolders/inbox`,
          },
        ],
      }),
    });
    expect(batch.status).toBe(200);
    const item = batch.json<{
      responses: {
        status: number;
        headers: Record<string, string>;
        body: unknown;
      }[];
    }>().responses[0];
    expect(item?.status).toBe(429);
    expect(Number(item?.headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect(
      compareShape(item?.body, readExample('throttling-429-body.json')).missing,
    ).toEqual([]);

    const acc = (await control('GET', '/accounting')).json<{
      throttled: number;
      retryAfterViolations: number;
      retryAfterIgnored: number;
      requests: { total: number; http: number };
    }>();
    expect(acc.throttled).toBe(2);
    // The batch item arrived before the Retry-After it was given had elapsed,
    // on the keep-alive connection that had carried the 429.
    expect(acc.retryAfterViolations).toBe(1);
    expect(acc.retryAfterIgnored).toBe(1);
    expect(acc.requests.total).toBe(6);
    expect(acc.requests.http).toBe(6);
  });

  it('does not count a $batch item sent before its sibling was throttled as ignoring Retry-After', async () => {
    // Items 1-3 hold the mailbox's 3 slots for 300 ms, item 4 gets a 429
    // (Retry-After 1 s) at once, item 5 waits for item 1 and so starts 300 ms
    // after that 429: inside the Retry-After, but the client sent it before
    // the 429 existed.
    await control('PUT', '/config', {
      serviceTimeMs: 300,
      retryAfterGraceMs: 100,
      throttle: { limit: 100, windowMs: 10_000, concurrency: 3 },
    });
    await control('POST', '/accounting/reset');
    const url = `/users/${user(2)}/mailFolders/inbox`;
    const batch = await http.send(`${c().graphBaseUrl}/$batch`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({
        requests: [
          ...['1', '2', '3', '4'].map((id) => ({ id, method: 'GET', url })),
          { id: '5', method: 'GET', url, dependsOn: ['1'] },
        ],
      }),
    });
    await control('PUT', '/config', {
      serviceTimeMs: 0,
      throttle: { limit: 10_000, windowMs: 600_000, concurrency: 4 },
    });
    expect(batch.status).toBe(200);
    const statusById = Object.fromEntries(
      batch
        .json<{ responses: { id: string; status: number }[] }>()
        .responses.map((r) => [r.id, r.status]),
    );
    expect(statusById).toEqual({ 1: 200, 2: 200, 3: 200, 4: 429, 5: 200 });
    const acc = (await control('GET', '/accounting')).json<{
      throttled: number;
      retryAfterViolations: number;
    }>();
    expect(acc.throttled).toBe(1);
    expect(acc.retryAfterViolations).toBe(0);
  });

  it('holds at most `concurrency` requests per mailbox and reports the peak', async () => {
    await control('PUT', '/config', {
      serviceTimeMs: 60,
      throttle: { limit: 1000, windowMs: 60_000, concurrency: 4 },
    });
    await control('POST', '/accounting/reset');
    const url = `${c().graphBaseUrl}/users/${user(1)}/mailFolders/inbox`;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () =>
        http.send(url, { headers: auth() }).then((r) => r.status),
      ),
    );
    await control('PUT', '/config', { serviceTimeMs: 0 });
    expect(statuses.filter((s) => s === 200).length).toBe(4);
    expect(statuses.filter((s) => s === 429).length).toBe(4);
    const acc = (await control('GET', '/accounting')).json<{
      maxConcurrencyByMailbox: Record<string, number>;
    }>();
    expect(acc.maxConcurrencyByMailbox[user(1)]).toBe(4);
  });

  it('splits bytes into header and body bytes', async () => {
    await control('POST', '/accounting/reset');
    const delta = await deltaAll(
      `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox/messages/delta?$select=subject,from,internetMessageHeaders`,
    );
    let acc = (await control('GET', '/accounting')).json<{
      bytes: { header: number; body: number; total: number };
    }>();
    expect(acc.bytes.body).toBe(0);
    expect(acc.bytes.header).toBe(acc.bytes.total);
    expect(acc.bytes.header).toBeGreaterThan(1000);
    const id = encodeURIComponent(String(delta.items[0]?.['id']));
    await http.send(
      `${c().graphBaseUrl}/users/${user(0)}/messages/${id}?$select=body`,
      { headers: { ...auth(), prefer: PREFER } },
    );
    acc = (await control('GET', '/accounting')).json();
    expect(acc.bytes.body).toBeGreaterThan(200);
    expect(acc.bytes.header + acc.bytes.body).toBe(acc.bytes.total);
  });

  it('injects status faults, malformed JSON and connection resets on demand', async () => {
    const url = `${c().graphBaseUrl}/users/${user(0)}/mailFolders/inbox`;
    await control('PUT', '/faults', {
      rates: { '503': 1 },
      retryAfterSeconds: 2,
    });
    const unavailable = await http.send(url, { headers: auth() });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('2');
    await control('PUT', '/faults', { rates: { malformedJson: 1 } });
    const malformed = await http.send(url, { headers: auth() });
    expect(() => JSON.parse(malformed.text)).toThrow(SyntaxError);
    await control('PUT', '/faults', { rates: { connectionReset: 1 } });
    await expect(http.send(url, { headers: auth() })).rejects.toThrow();
    await control('PUT', '/faults', { rates: { '500': 1 }, userId: user(1) });
    expect((await http.send(url, { headers: auth() })).status).toBe(200);
  });

  it('answers 404 for disabled and deleted mailboxes and 403 after consent is revoked', async () => {
    const url = (i: number) =>
      `${c().graphBaseUrl}/users/${user(i)}/mailFolders/inbox`;
    await control('POST', `/users/${user(2)}/disable`);
    const disabled = await http.send(url(2), { headers: auth() });
    expect([
      disabled.status,
      disabled.json<{ error: { code: string } }>().error.code,
    ]).toEqual([404, 'MailboxNotEnabledForRESTAPI']);
    await control('POST', `/users/${user(2)}/delete`);
    expect((await http.send(url(2), { headers: auth() })).status).toBe(404);
    await control('POST', `/users/${user(2)}/enable`);
    await control('POST', '/consent/revoke', {
      clientId: c().readBasic.clientId,
    });
    const denied = await http.send(url(0), { headers: auth(basicToken) });
    expect([
      denied.status,
      denied.json<{ error: { code: string } }>().error.code,
    ]).toEqual([403, 'ErrorAccessDenied']);
    await control('POST', '/consent/grant', {
      clientId: c().readBasic.clientId,
    });
    expect(
      (await http.send(url(0), { headers: auth(basicToken) })).status,
    ).toBe(200);
  });

  it('loads an .eml into a mailbox and serves it back as properties and MIME', async () => {
    const raw = [
      'From: =?utf-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen@fabrikam.com>',
      `To: ${c().users[0]?.mail ?? ''}`,
      'Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?= from the real corpus',
      'Date: Tue, 1 Dec 2026 10:00:00 +0000',
      'Message-ID: <eml-test-1@fabrikam.com>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Hallo, sch=C3=B6ne Gr=C3=BC=C3=9Fe.',
      '',
    ].join('\r\n');
    const loaded = await http.send(`${c().controlUrl}/users/${user(0)}/eml`, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822' },
      body: raw,
    });
    expect(loaded.status).toBe(201);
    const id = encodeURIComponent(
      loaded.json<{ immutableId: string }>().immutableId,
    );
    const msg = (
      await http.send(
        `${c().graphBaseUrl}/users/${user(0)}/messages/${id}?$select=subject,from,internetMessageId,body`,
        {
          headers: {
            ...auth(),
            prefer: `${PREFER}, outlook.body-content-type="text"`,
          },
        },
      )
    ).json<
      Record<
        string,
        { content?: string; emailAddress?: { name: string } } | string
      >
    >();
    expect(msg['subject']).toBe('Grüße from the real corpus');
    expect(
      (msg['from'] as { emailAddress: { name: string } }).emailAddress.name,
    ).toBe('Jürgen Müller');
    expect(msg['internetMessageId']).toBe('<eml-test-1@fabrikam.com>');
    expect((msg['body'] as { content: string }).content).toContain(
      'schöne Grüße',
    );
    const mime = await http.send(
      `${c().graphBaseUrl}/users/${user(0)}/messages/${id}/$value`,
      { headers: auth() },
    );
    expect(mime.text).toBe(raw);
  });
});
