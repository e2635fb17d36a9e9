import request from 'supertest';
import { CSRF_COOKIE, SESSION_COOKIE } from '../modules/auth/auth.constants';
import {
  cookieValue,
  setCookieOf,
  signIn,
  startE2eApi,
  type E2eApi,
  type E2eOrg,
} from '../testing/e2e-app.util';

describe('auth: password sign-in, sessions, CSRF, API tokens', () => {
  let api: E2eApi;
  let org: E2eOrg;

  beforeAll(async () => {
    api = await startE2eApi({
      lockout: { maxFailures: 3, lockForMs: 60_000 },
      signInRateLimit: { limit: 25, ttlMs: 60_000 },
    });
    org = await api.createOrg('Contoso Sales');
  });
  afterAll(() => api?.close());

  it('signs in with httpOnly, Secure, SameSite cookies and describes the session', async () => {
    const response = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({
        email: org.admin.email.toUpperCase(),
        password: org.admin.password,
      })
      .expect(200);
    const cookies = setCookieOf(response.headers);
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    const csrf = cookies.find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(csrf).toMatch(/; Secure/);
    const body = response.body as { csrfToken: string };
    expect(cookieValue(cookies, CSRF_COOKIE)).toBe(body.csrfToken);

    const token = cookieValue(cookies, SESSION_COOKIE) ?? '';
    const described = await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', `${SESSION_COOKIE}=${token}`)
      .expect(200);
    expect(described.body).toEqual({
      userId: org.admin.id,
      orgId: org.id,
      email: org.admin.email,
      displayName: expect.stringMatching(/^Ada /),
      role: 'admin',
      csrfToken: body.csrfToken,
      org: { id: org.id, name: 'Contoso Sales' },
    });
  });

  it('answers 401 problem+json without a session, and for an unknown session cookie', async () => {
    const none = await request(api.server)
      .get('/api/v1/auth/session')
      .expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', `${SESSION_COOKIE}=forged`)
      .expect(401);
  });

  it('refuses a wrong password with 401, and names the field of a malformed email', async () => {
    const wrong = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: org.member.email, password: 'nope' })
      .expect(401);
    expect(wrong.body.detail).toMatch(/Email or password is wrong/);
    const bad = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: 'not-an-email', password: 'x' })
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'email', message: 'email must be an email' },
    ]);
    const extra = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: org.member.email, password: 'x', role: 'admin' })
      .expect(400);
    expect(extra.body.errors).toEqual([
      { field: 'role', message: 'property role should not exist' },
    ]);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const victim = await api.createUser(org.id, 'member');
    for (let i = 0; i < 3; i++) {
      await request(api.server)
        .post('/api/v1/auth/sign-in')
        .send({ email: victim.email, password: `guess-${i}` })
        .expect(401);
    }
    await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: victim.email, password: victim.password })
      .expect(401);
    const rows = await api.database.dataSource.query<
      { failed_sign_in_count: number; locked: boolean }[]
    >(
      `SELECT failed_sign_in_count, locked_until > now() AS locked FROM app_user WHERE id = $1`,
      [victim.id],
    );
    expect(rows[0]).toEqual({ failed_sign_in_count: 3, locked: true });
  });

  it('requires the CSRF token on unsafe methods with a session cookie', async () => {
    const session = await signIn(api.server, org.admin);
    const missing = await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set('cookie', session.cookie)
      .send({ name: 'ci' })
      .expect(403);
    expect(missing.body.detail).toMatch(/X-CSRF-Token|x-csrf-token/i);
    await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set('cookie', session.cookie)
      .set('x-csrf-token', 'not-the-token')
      .send({ name: 'ci' })
      .expect(403);
    await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set(session.unsafe)
      .send({ name: 'ci' })
      .expect(201);
  });

  it('signs out: the session stops working', async () => {
    const session = await signIn(api.server, org.member);
    await request(api.server)
      .post('/api/v1/auth/sign-out')
      .set(session.unsafe)
      .expect(204);
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', session.cookie)
      .expect(401);
  });

  it('creates, lists and revokes API tokens; a revoked token is refused', async () => {
    const session = await signIn(api.server, org.member);
    const created = await request(api.server)
      .post('/api/v1/auth/api-tokens')
      .set(session.unsafe)
      .send({ name: 'CRM export' })
      .expect(201);
    const { id, token } = created.body as { id: string; token: string };
    expect(token).toMatch(/^hst_/);
    const stored = await api.database.dataSource.query<
      { token_hash: string }[]
    >('SELECT token_hash FROM api_token WHERE id = $1', [id]);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    await request(api.server)
      .get('/api/v1/auth/session')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const listed = await request(api.server)
      .get('/api/v1/auth/api-tokens?limit=1')
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id, name: 'CRM export', revokedAt: null }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    // The fixture's own token is on the next page.
    const next = await request(api.server)
      .get(`/api/v1/auth/api-tokens?limit=1&cursor=${listed.body.nextCursor}`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(next.body).toMatchObject({
      items: [{ name: 'e2e' }],
      nextCursor: null,
    });

    // An admin of another org cannot revoke it either.
    const stranger = await api.createOrg();
    await request(api.server)
      .delete(`/api/v1/auth/api-tokens/${id}`)
      .set(stranger.admin.bearer)
      .expect(404);

    // Another member of the org cannot revoke it: 404, as if it did not exist.
    const other = await api.createUser(org.id, 'member');
    await request(api.server)
      .delete(`/api/v1/auth/api-tokens/${id}`)
      .set(other.bearer)
      .expect(404);
    await request(api.server)
      .delete(`/api/v1/auth/api-tokens/${id}`)
      .set(session.unsafe)
      .expect(204);
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('authorization', `Bearer ${token}`)
      .expect(401);
    await request(api.server)
      .get('/api/v1/auth/session')
      .set('authorization', 'Bearer not-a-token')
      .expect(401);
  });

  it('reports which sign-in methods are set up', async () => {
    const response = await request(api.server)
      .get('/api/v1/auth/providers')
      .expect(200);
    expect(response.body).toEqual({ password: true, microsoft: false });
    await request(api.server).get('/api/v1/auth/microsoft/start').expect(404);
  });
});

describe('auth: sign-in rate limit', () => {
  let api: E2eApi;
  let org: E2eOrg;

  beforeAll(async () => {
    api = await startE2eApi({ signInRateLimit: { limit: 3, ttlMs: 60_000 } });
    org = await api.createOrg();
  });
  afterAll(() => api?.close());

  it('answers 429 once a client exceeds the sign-in rate', async () => {
    for (let i = 0; i < 3; i++) {
      await request(api.server)
        .post('/api/v1/auth/sign-in')
        .send({ email: org.member.email, password: 'wrong' })
        .expect(401);
    }
    const limited = await request(api.server)
      .post('/api/v1/auth/sign-in')
      .send({ email: org.member.email, password: org.member.password })
      .expect(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    // Other routes are not limited by it.
    await request(api.server)
      .get('/api/v1/auth/session')
      .set(org.member.bearer)
      .expect(200);
  });
});

describe('auth: Sign in with Microsoft when the identity platform is down', () => {
  let api: E2eApi;

  beforeAll(async () => {
    api = await startE2eApi(
      {},
      {
        // Nothing listens on port 1: MSAL's metadata request is refused.
        GRAPH_AUTHORITY_HOST: 'https://127.0.0.1:1',
        MICROSOFT_SIGNIN_CLIENT_ID: 'app-id',
        MICROSOFT_SIGNIN_CLIENT_SECRET: 'app-secret',
      },
    );
  });
  afterAll(() => api?.close());

  it('sends the browser back to the sign-in page with a reason, not a 500', async () => {
    const response = await request(api.server)
      .get('/api/v1/auth/microsoft/start')
      .expect(302);
    expect(response.headers.location).toBe(
      '/sign-in?error=microsoft-unavailable',
    );
  });
});
