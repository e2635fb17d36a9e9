import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SESSION_COOKIE } from '../modules/auth/auth.constants';
import {
  signIn,
  startE2eApi,
  type E2eApi,
  type E2eOrg,
} from '../testing/e2e-app.util';

const SQL_INJECTION = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  "admin@example.com' --",
  '1; UPDATE org_email_settings SET header_based_sync = true',
  "x' UNION SELECT token_hash FROM api_token --",
];
const HEADER_INJECTION = [
  'rep@contoso.example\r\nBcc: attacker@evil.example',
  'rep@contoso.example\nSet-Cookie: hs_session=planted',
  'value\r\n\r\n<script>alert(1)</script>',
];
const HOSTILE = [...SQL_INJECTION, ...HEADER_INJECTION];

describe('security: attacks are refused and change nothing', () => {
  let api: E2eApi;
  let org: E2eOrg;

  beforeAll(async () => {
    // Many sign-in attempts below: the rate limit has its own test.
    api = await startE2eApi({
      signInRateLimit: { limit: 1000, ttlMs: 60_000 },
    });
    org = await api.createOrg();
  });
  afterAll(() => api?.close());

  /** Everything an attack could alter, read straight from PostgreSQL. */
  async function fingerprint(): Promise<string> {
    const rows = await api.database.dataSource.query<unknown[]>(
      `SELECT
         (SELECT count(*) FROM app_user) AS users,
         (SELECT string_agg(id || ':' || role || ':' || coalesce(password_hash, ''), ',' ORDER BY id) FROM app_user) AS user_rows,
         (SELECT count(*) FROM api_token WHERE revoked_at IS NULL) AS tokens,
         (SELECT count(*) FROM mailbox) AS mailboxes,
         (SELECT count(*) FROM audit_event) AS audit,
         (SELECT count(*) FROM graph_credential) AS credentials,
         (SELECT string_agg(org_id || ':' || version, ',' ORDER BY org_id) FROM org_email_settings) AS settings`,
    );
    return JSON.stringify(rows);
  }

  it('refuses SQL- and header-injection strings in every text field with 400, storing nothing', async () => {
    // Touch the settings row once so its version is part of the fingerprint.
    await request(api.server)
      .get('/api/v1/org/email-settings')
      .set(org.admin.bearer)
      .expect(200);
    const victim = await api.createUser(org.id, 'member');
    const before = await fingerprint();
    for (const hostile of HOSTILE) {
      const attempts: [string, string, Record<string, unknown>, number][] = [
        [
          'post',
          '/api/v1/auth/sign-in',
          { email: hostile, password: 'x' },
          400,
        ],
        ['post', '/api/v1/mailboxes', { userPrincipalName: hostile }, 400],
        [
          'patch',
          '/api/v1/org/email-settings',
          { blockedDomains: [hostile] },
          400,
        ],
        [
          'patch',
          '/api/v1/org/email-settings',
          { internalDomains: [hostile] },
          400,
        ],
        [
          'patch',
          '/api/v1/org/email-settings',
          { allowedDomains: [hostile] },
          400,
        ],
        [
          'patch',
          '/api/v1/org/email-settings',
          { blockedAddresses: [hostile] },
          400,
        ],
        [
          'patch',
          '/api/v1/org/email-settings',
          { allowedAddresses: [hostile] },
          400,
        ],
        ['patch', '/api/v1/org/email-settings', { folders: [hostile] }, 400],
        ['post', '/api/v1/auth/api-tokens', { name: hostile }, 400],
      ];
      for (const [method, path, body, status] of attempts) {
        const response = await request(api.server)
          [method as 'post' | 'patch'](path)
          .set(org.admin.bearer)
          .send(body)
          .expect(status);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        expect(response.body.errors?.length).toBeGreaterThan(0);
        // Never echoed back (no reflected injection).
        expect(response.text).not.toContain(hostile);
      }
      // A password is free text: it is compared, never interpreted.
      await request(api.server)
        .post('/api/v1/auth/sign-in')
        .send({ email: victim.email, password: hostile })
        .expect(401);
      for (const query of [
        `/api/v1/mailboxes?cursor=${encodeURIComponent(hostile)}`,
        `/api/v1/audit-events?cursor=${encodeURIComponent(hostile)}`,
        `/api/v1/mailboxes/${encodeURIComponent(hostile)}`,
      ]) {
        const response = await request(api.server)
          .get(query)
          .set(org.admin.bearer)
          .expect(400);
        expect(response.text).not.toContain(hostile);
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it('stops session fixation: a sign-in never keeps the session id the browser came with', async () => {
    const member = await api.createUser(org.id, 'member');
    const first = await signIn(api.server, member);
    const response = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .set('cookie', first.cookie)
      .send({ email: member.email, password: member.password })
      .expect(200);
    const second = response.headers['set-cookie'] as unknown as string[];
    expect(second.join(';')).not.toContain(first.token);
    // The session the browser brought is destroyed.
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', first.cookie)
      .expect(401);
    // A planted, never-issued id is not adopted either.
    const planted = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .set('cookie', `${SESSION_COOKIE}=attacker-chosen-id`)
      .send({ email: member.email, password: member.password })
      .expect(200);
    expect(
      (planted.headers['set-cookie'] as unknown as string[]).join(';'),
    ).not.toContain('attacker-chosen-id');
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', `${SESSION_COOKIE}=attacker-chosen-id`)
      .expect(401);
  });

  it("refuses a session cookie without its CSRF token, or with another session's", async () => {
    const admin = await api.createUser(org.id, 'admin');
    const session = await signIn(api.server, admin);
    const other = await signIn(api.server, org.member);
    const before = await fingerprint();
    for (const headers of [
      { cookie: session.cookie },
      { cookie: session.cookie, 'x-csrf-token': other.csrfToken },
      { cookie: session.cookie, 'x-csrf-token': '' },
    ]) {
      await request(api.server)
        .patch('/api/v1/org/email-settings')
        .set(headers)
        .send({ headerBasedSync: true })
        .expect(403);
      await request(api.server)
        .post('/api/v1/mailboxes')
        .set(headers)
        .send({ userPrincipalName: 'csrf@contoso.example' })
        .expect(403);
      await request(api.server)
        .post('/api/v1/auth/sign-out')
        .set(headers)
        .expect(403);
    }
    expect(await fingerprint()).toBe(before);
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', session.cookie)
      .expect(200);
  });

  it('refuses an API token after its revocation, for reads and writes', async () => {
    const admin = await api.createUser(org.id, 'admin');
    const created = await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set(admin.bearer)
      .send({ name: 'nightly export' })
      .expect(201);
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    await request(api.server)
      .delete(`/api/v1/auth/api-tokens/${created.body.id as string}`)
      .set(admin.bearer)
      .expect(204);
    const before = await fingerprint();
    await request(api.server).get('/api/v1/mailboxes').set(bearer).expect(401);
    await request(api.server)
      .patch('/api/v1/org/email-settings')
      .set(bearer)
      .send({ headerBasedSync: true })
      .expect(401);
    await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set(bearer)
      .send({ name: 'replacement' })
      .expect(401);
    expect(await fingerprint()).toBe(before);
  });

  it('never reads a secret back: not in answers, audit, or clear in the database', async () => {
    const secret = 'S3cret~value.that-must-stay-inside';
    const privateKeyMarker = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
    const saved = await request(api.server)
      .put('/api/v1/graph-connection/credentials/header')
      .set(org.admin.bearer)
      .send({
        tenantId: randomUUID(),
        clientId: randomUUID(),
        kind: 'secret',
        clientSecret: secret,
      })
      .expect(200);
    const listed = await request(api.server)
      .get('/api/v1/graph-connection/credentials')
      .set(org.admin.bearer)
      .expect(200);
    const audit = await request(api.server)
      .get('/api/v1/audit-events')
      .set(org.admin.bearer)
      .expect(200);
    const stored = await api.database.dataSource.query<unknown[]>(
      'SELECT * FROM graph_credential',
    );
    for (const text of [
      saved.text,
      listed.text,
      audit.text,
      JSON.stringify(stored),
    ]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(privateKeyMarker);
    }
    // A member cannot even list them.
    await request(api.server)
      .get('/api/v1/graph-connection/credentials')
      .set(org.member.bearer)
      .expect(403);
  });
});

describe('platform: headers, OpenAPI, metrics, queue dashboard', () => {
  let api: E2eApi;
  let org: E2eOrg;

  beforeAll(async () => {
    api = await startE2eApi();
    org = await api.createOrg();
  });
  afterAll(() => api?.close());

  it('sends Helmet security headers and no X-Powered-By', async () => {
    const response = await request(api.server).get('/api/health').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringMatching(/max-age=/),
      'content-security-policy': expect.stringMatching(/default-src 'self'/),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('publishes the OpenAPI document and UI at /api/docs', async () => {
    const document = await request(api.server)
      .get('/api/docs/openapi.json')
      .expect(200);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/sign-in',
        '/api/v1/auth/session',
        '/api/v1/org/email-settings',
        '/api/v1/mailboxes',
        '/api/v1/mailboxes/{id}/sync',
        '/api/v1/graph-connection/credentials/{purpose}',
        '/api/v1/audit-events',
      ]),
    );
    const ui = await request(api.server).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('serves Prometheus metrics to admins only, labelled by route template', async () => {
    await request(api.server).get('/api/metrics').expect(401);
    await request(api.server)
      .get('/api/metrics')
      .set(org.member.bearer)
      .expect(403);
    await request(api.server)
      .get('/api/v1/mailboxes/00000000-0000-4000-8000-000000000000')
      .set(org.admin.bearer)
      .expect(404);
    const metrics = await request(api.server)
      .get('/api/metrics')
      .set(org.admin.bearer)
      .expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain(
      'headersync_api_http_requests_total{method="GET",route="/api/v1/mailboxes/:id",status="404"} 1',
    );
    expect(metrics.text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(metrics.text).toContain('headersync_api_process_cpu_seconds_total');
  });

  it('opens the Bull dashboard to admins only', async () => {
    await request(api.server).get('/api/admin/queues').expect(401);
    const member = await signIn(api.server, org.member);
    await request(api.server)
      .get('/api/admin/queues')
      .set('cookie', member.cookie)
      .expect(403);
    const admin = await signIn(api.server, org.admin);
    const page = await request(api.server)
      .get('/api/admin/queues')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(page.text).toMatch(/<html/i);
    const queues = await request(api.server)
      .get('/api/admin/queues/api/queues')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(JSON.stringify(queues.body)).toContain('mailbox-sync');
    // Its actions come from its own page, which sends no CSRF header: they
    // must at least come from our origin.
    await request(api.server)
      .put('/api/admin/queues/api/queues/mailbox-sync/retry/failed')
      .set('cookie', admin.cookie)
      .expect(403);
    // The queue holds every org's jobs: even from our origin, no admin may
    // act on them.
    const retry = await request(api.server)
      .put('/api/admin/queues/api/queues/mailbox-sync/retry/failed')
      .set('cookie', admin.cookie)
      .set('host', 'api.test')
      .set('origin', 'http://api.test');
    expect(retry.status).toBe(405);
  });

  it('serves no Bull dashboard when it is turned off (the default in production)', async () => {
    const off = await startE2eApi({}, { QUEUE_DASHBOARD: 'off' });
    try {
      const org = await off.createOrg();
      const admin = await signIn(off.server, org.admin);
      await request(off.server)
        .get('/api/admin/queues')
        .set('cookie', admin.cookie)
        .expect(404);
    } finally {
      await off.close();
    }
  });
});
