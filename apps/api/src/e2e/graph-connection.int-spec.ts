import { request as httpsRequest } from 'node:https';
import request from 'supertest';
import {
  createTestCertificate,
  spawnGraphSimulator,
  type RunningGraphSimulator,
} from '@headersync/graph-client/testing';
import {
  OIDC_STATE_COOKIE,
  SESSION_COOKIE,
} from '../modules/auth/auth.constants';
import {
  cookieValue,
  setCookieOf,
  signIn,
  startE2eApi,
  type E2eApi,
  type E2eOrg,
} from '../testing/e2e-app.util';

const CREDENTIALS = '/api/v1/graph-connection/credentials';

/** GET without following redirects, trusting only the simulator's CA. */
function getLocation(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpsRequest(url, { ca }, (response) => {
      response.resume();
      if (response.statusCode !== 302 || !response.headers.location)
        reject(new Error(`expected a redirect, got ${response.statusCode}`));
      else resolve(response.headers.location);
    })
      .on('error', reject)
      .end();
  });
}

describe('Graph connection, mailboxes by UPN and Sign in with Microsoft, against the simulator', () => {
  let simulator: RunningGraphSimulator;
  let api: E2eApi;
  let org: E2eOrg;
  let otherOrg: E2eOrg;

  beforeAll(async () => {
    simulator = await spawnGraphSimulator([
      '--seed',
      '11',
      '--mailboxes',
      '3',
      '--messages',
      '5',
    ]);
    const c = simulator.credentials;
    api = await startE2eApi(
      {},
      {
        GRAPH_AUTHORITY_HOST: c.baseUrl,
        GRAPH_BASE_URL: c.graphBaseUrl,
        GRAPH_CA_CERT_PATH: c.caCertPath,
        MICROSOFT_SIGNIN_CLIENT_ID: c.clientId,
        MICROSOFT_SIGNIN_CLIENT_SECRET: c.clientSecret,
        MICROSOFT_SIGNIN_TENANT: c.tenantId,
      },
    );
    org = await api.createOrg();
    otherOrg = await api.createOrg();
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await simulator?.stop();
  });

  function secretCredential(secret = simulator.credentials.clientSecret) {
    return {
      tenantId: simulator.credentials.tenantId,
      clientId: simulator.credentials.clientId,
      kind: 'secret',
      clientSecret: secret,
    };
  }

  it('refuses credentials from members (403), without sign-in (401), and names bad fields (400)', async () => {
    await request(api.server).get(CREDENTIALS).expect(401);
    await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(org.member.bearer)
      .send(secretCredential())
      .expect(403);
    const bad = await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(org.admin.bearer)
      .send({
        ...secretCredential(),
        tenantId: 'contoso',
        clientSecret: 'short',
      })
      .expect(400);
    expect(
      bad.body.errors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['clientSecret', 'tenantId']);
    const purpose = await request(api.server)
      .put(`${CREDENTIALS}/everything`)
      .set(org.admin.bearer)
      .send(secretCredential())
      .expect(400);
    expect(purpose.body.errors[0].field).toBe('purpose');
  });

  it('registers the app; the secret is never returned, logged in the audit or stored in clear', async () => {
    const secret = simulator.credentials.clientSecret;
    const saved = await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(org.admin.bearer)
      .send(secretCredential())
      .expect(200);
    expect(saved.body).toMatchObject({
      purpose: 'full',
      kind: 'secret',
      tenantId: simulator.credentials.tenantId.toLowerCase(),
    });
    const listed = await request(api.server)
      .get(CREDENTIALS)
      .set(org.admin.bearer)
      .expect(200);
    const audit = await request(api.server)
      .get('/api/v1/audit-events')
      .set(org.admin.bearer)
      .expect(200);
    const rows = await api.database.dataSource.query<unknown[]>(
      'SELECT * FROM graph_credential',
    );
    for (const text of [
      saved.text,
      listed.text,
      audit.text,
      JSON.stringify(rows),
    ])
      expect(text).not.toContain(secret);
    expect(Object.keys(listed.body[0]).sort()).toEqual([
      'certificateThumbprint',
      'clientId',
      'createdAt',
      'id',
      'kind',
      'purpose',
      'rotatedAt',
      'tenantId',
    ]);
    // Another org sees none of it.
    const other = await request(api.server)
      .get(CREDENTIALS)
      .set(otherOrg.admin.bearer)
      .expect(200);
    expect(other.body).toEqual([]);
  });

  it('tests the connection: a token, then one mailbox read', async () => {
    const response = await request(api.server)
      .post('/api/v1/graph-connection/test')
      .set(org.admin.bearer)
      .send({})
      .expect(200);
    expect(response.body).toEqual({
      ok: true,
      steps: [
        { step: 'token and directory', ok: true },
        { step: 'read mailbox', ok: true },
      ],
    });
    // Without credentials: 404, naming what to do.
    const none = await request(api.server)
      .post('/api/v1/graph-connection/test')
      .set(otherOrg.admin.bearer)
      .send({})
      .expect(404);
    expect(none.body.detail).toMatch(/Register the app credentials first/);
  });

  it('discovers the tenant users and adds a mailbox by UPN (400 for a stranger, 409 twice)', async () => {
    const users = await request(api.server)
      .get('/api/v1/graph-connection/users?limit=10')
      .set(org.admin.bearer)
      .expect(200);
    const upns = simulator.credentials.users.map((u) =>
      u.userPrincipalName.toLowerCase(),
    );
    expect(
      users.body.items
        .map((u: { userPrincipalName: string }) =>
          u.userPrincipalName.toLowerCase(),
        )
        .sort(),
    ).toEqual([...upns].sort());
    const [first] = upns;
    const added = await request(api.server)
      .post('/api/v1/mailboxes')
      .set(org.admin.bearer)
      .send({ userPrincipalName: first })
      .expect(201);
    expect(added.body).toMatchObject({
      userPrincipalName: first,
      status: 'active',
      graphUserId: simulator.credentials.users[0]?.id,
      job: { state: 'waiting' },
    });
    await request(api.server)
      .post('/api/v1/mailboxes')
      .set(org.admin.bearer)
      .send({ userPrincipalName: first })
      .expect(409);
    const stranger = await request(api.server)
      .post('/api/v1/mailboxes')
      .set(org.admin.bearer)
      .send({ userPrincipalName: 'nobody@elsewhere.example' })
      .expect(400);
    expect(stranger.body.errors).toEqual([
      { field: 'userPrincipalName', message: 'is not a user of the tenant' },
    ]);
    expect(stranger.body.detail).toBe(
      'userPrincipalName is not a user of the tenant',
    );
  });

  it('reports a wrong client secret as a failed step, not a crash', async () => {
    await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(otherOrg.admin.bearer)
      .send(secretCredential('definitely-the-wrong-secret'))
      .expect(200);
    const response = await request(api.server)
      .post('/api/v1/graph-connection/test')
      .set(otherOrg.admin.bearer)
      .send({})
      .expect(200);
    expect(response.body.ok).toBe(false);
    expect(response.body.steps[0]).toMatchObject({
      step: 'token and directory',
      ok: false,
    });
    expect(response.text).not.toContain('definitely-the-wrong-secret');
    await request(api.server)
      .delete(`${CREDENTIALS}/full`)
      .set(otherOrg.admin.bearer)
      .expect(204);
    await request(api.server)
      .delete(`${CREDENTIALS}/full`)
      .set(otherOrg.admin.bearer)
      .expect(404);
  });

  it('registers a certificate credential: thumbprint shown, key never; a mismatched key is refused', async () => {
    const certOrg = await api.createOrg();
    const cert = createTestCertificate();
    const app = await simulator.control.registerApp({
      roles: ['Mail.Read.All'],
      certificatePem: cert.certificatePem,
    });
    const body = {
      tenantId: simulator.credentials.tenantId,
      clientId: app.clientId,
      kind: 'certificate',
      certificatePem: cert.certificatePem,
      privateKeyPem: cert.privateKeyPem,
    };
    const mismatched = await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(certOrg.admin.bearer)
      .send({ ...body, privateKeyPem: createTestCertificate().privateKeyPem })
      .expect(400);
    expect(mismatched.body.errors).toEqual([
      { field: 'privateKeyPem', message: 'does not match the certificate' },
    ]);
    const missing = await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(certOrg.admin.bearer)
      .send({ ...body, privateKeyPem: undefined })
      .expect(400);
    expect(missing.body.errors[0].field).toBe('privateKeyPem');

    const saved = await request(api.server)
      .put(`${CREDENTIALS}/full`)
      .set(certOrg.admin.bearer)
      .send(body)
      .expect(200);
    expect(saved.body).toMatchObject({
      kind: 'certificate',
      certificateThumbprint: cert.thumbprintSha256.toLowerCase(),
    });
    const keyBody = cert.privateKeyPem.split('\n')[1] ?? '';
    const listed = await request(api.server)
      .get(CREDENTIALS)
      .set(certOrg.admin.bearer);
    for (const text of [saved.text, listed.text])
      expect(text).not.toContain(keyBody);
    const test = await request(api.server)
      .post('/api/v1/graph-connection/test')
      .set(certOrg.admin.bearer)
      .send({
        userPrincipalName: simulator.credentials.users[0]?.userPrincipalName,
      })
      .expect(200);
    expect(test.body).toMatchObject({ ok: true });
  });

  it('runs admin consent: the link, Microsoft, and the callback with one-time state', async () => {
    const link = await request(api.server)
      .get('/api/v1/graph-connection/admin-consent-url')
      .set(org.admin.bearer)
      .expect(200);
    const back = new URL(await getLocation(link.body.url, simulator.ca));
    expect(back.pathname).toBe(
      '/api/v1/graph-connection/admin-consent/callback',
    );
    const callback = `${back.pathname}${back.search}`;
    const done = await request(api.server).get(callback).expect(302);
    expect(done.headers.location).toBe(
      'https://admin.headersync.test/graph-connection?consent=granted',
    );
    const replay = await request(api.server).get(callback).expect(302);
    expect(replay.headers.location).toMatch(/consent=invalid-state$/);
    const audit = await request(api.server)
      .get('/api/v1/audit-events')
      .set(org.admin.bearer);
    expect(audit.body.items[0].action).toBe('graph-connection.consent-granted');
  });

  it('signs a member in with Microsoft (authorization code + PKCE) and links their Entra object id', async () => {
    const upn = simulator.credentials.users[1]?.userPrincipalName ?? '';
    const user = await api.createUser(org.id, 'member', upn.toLowerCase());
    const providers = await request(api.server).get('/api/v1/auth/providers');
    expect(providers.body).toEqual({ password: true, microsoft: true });

    const start = await request(api.server)
      .get('/api/v1/auth/microsoft/start?returnTo=/mailboxes')
      .expect(302);
    const authorize = new URL(start.headers.location ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      'https://admin.headersync.test/api/v1/auth/microsoft/callback',
    );
    const state = cookieValue(setCookieOf(start.headers), OIDC_STATE_COOKIE);
    expect(state).toBe(authorize.searchParams.get('state'));

    authorize.searchParams.set('login_hint', upn);
    const back = new URL(await getLocation(authorize.toString(), simulator.ca));
    const callback = `${back.pathname}${back.search}`;

    // The same callback from a browser that did not start the flow is
    // refused (login CSRF), without spending the state of the real one.
    const foreign = await request(api.server).get(callback).expect(302);
    expect(foreign.headers.location).toBe('/sign-in?error=invalid-state');

    const done = await request(api.server)
      .get(callback)
      .set('cookie', `${OIDC_STATE_COOKIE}=${state}`)
      .expect(302);
    expect(done.headers.location).toBe('/mailboxes');
    const token = cookieValue(setCookieOf(done.headers), SESSION_COOKIE);
    const session = await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', `${SESSION_COOKIE}=${token}`)
      .expect(200);
    expect(session.body).toMatchObject({
      userId: user.id,
      role: 'member',
      orgId: org.id,
    });
    const linked = await api.database.dataSource.query<
      { entra_object_id: string }[]
    >('SELECT entra_object_id FROM app_user WHERE id = $1', [user.id]);
    expect(linked[0]?.entra_object_id).toBe(simulator.credentials.users[1]?.id);
  });

  it('refuses Microsoft users who are not members of an org of their tenant', async () => {
    const upn = simulator.credentials.users[2]?.userPrincipalName ?? '';
    const start = await request(api.server)
      .get('/api/v1/auth/microsoft/start')
      .expect(302);
    const authorize = new URL(start.headers.location ?? '');
    authorize.searchParams.set('login_hint', upn);
    const back = new URL(await getLocation(authorize.toString(), simulator.ca));
    const state = cookieValue(setCookieOf(start.headers), OIDC_STATE_COOKIE);
    const done = await request(api.server)
      .get(`${back.pathname}${back.search}`)
      .set('cookie', `${OIDC_STATE_COOKIE}=${state}`)
      .expect(302);
    expect(done.headers.location).toBe('/sign-in?error=not-a-member');
    expect(
      cookieValue(setCookieOf(done.headers), SESSION_COOKIE),
    ).toBeUndefined();
  });

  it('still signs in with a password beside Microsoft', async () => {
    const session = await signIn(api.server, org.admin);
    expect(session.csrfToken).toEqual(expect.any(String));
  });
});
