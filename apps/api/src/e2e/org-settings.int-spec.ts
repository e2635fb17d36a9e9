import request from 'supertest';
import {
  signIn,
  startE2eApi,
  type E2eApi,
  type E2eOrg,
} from '../testing/e2e-app.util';

const SETTINGS = '/api/v1/org/email-settings';

describe('org email settings and the audit log', () => {
  let api: E2eApi;
  let org: E2eOrg;
  let otherOrg: E2eOrg;

  beforeAll(async () => {
    api = await startE2eApi({ jsonBodyLimitBytes: 64 * 1024 });
    org = await api.createOrg();
    otherOrg = await api.createOrg();
  });
  afterAll(() => api?.close());

  it('answers 401 without credentials', async () => {
    await request(api.server).get(SETTINGS).expect(401);
    await request(api.server).patch(SETTINGS).send({}).expect(401);
    await request(api.server).get('/api/v1/audit-events').expect(401);
  });

  it('lets any member read the settings, with their version', async () => {
    const response = await request(api.server)
      .get(SETTINGS)
      .set(org.member.bearer)
      .expect(200);
    expect(response.body).toMatchObject({
      version: 1,
      settings: { headerBasedSync: false, folders: ['inbox', 'sentitems'] },
    });
  });

  it('turns header-based sync on for the admin, audited with actor and change', async () => {
    const session = await signIn(api.server, org.admin);
    const response = await request(api.server)
      .patch(SETTINGS)
      .set(session.unsafe)
      .send({
        version: 1,
        headerBasedSync: true,
        blockedDomains: ['Spam.Example'],
      })
      .expect(200);
    expect(response.body).toMatchObject({
      version: 2,
      settings: { headerBasedSync: true, blockedDomains: ['spam.example'] },
    });
    const audit = await request(api.server)
      .get('/api/v1/audit-events')
      .set(org.admin.bearer)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actorUserId: org.admin.id,
      actorLabel: org.admin.email,
      action: 'org-email-settings.update',
      before: { headerBasedSync: false, blockedDomains: [] },
      after: { headerBasedSync: true, blockedDomains: ['spam.example'] },
    });
    // The other org is untouched and sees none of it.
    const other = await request(api.server)
      .get(SETTINGS)
      .set(otherOrg.member.bearer)
      .expect(200);
    expect(other.body.settings.headerBasedSync).toBe(false);
    const otherAudit = await request(api.server)
      .get('/api/v1/audit-events')
      .set(otherOrg.admin.bearer)
      .expect(200);
    expect(otherAudit.body.items).toEqual([]);
  });

  it('refuses a member with 403 and changes nothing', async () => {
    const response = await request(api.server)
      .patch(SETTINGS)
      .set(org.member.bearer)
      .send({ headerBasedSync: false })
      .expect(403);
    expect(response.body.detail).toMatch(/admin role/);
    await request(api.server)
      .get('/api/v1/audit-events')
      .set(org.member.bearer)
      .expect(403);
    const after = await request(api.server)
      .get(SETTINGS)
      .set(org.member.bearer);
    expect(after.body.settings.headerBasedSync).toBe(true);
  });

  it('names the field of bad input with 400', async () => {
    const domain = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ blockedDomains: ['ok.example', 'not a domain'] })
      .expect(400);
    expect(domain.headers['content-type']).toMatch(/problem\+json/);
    expect(domain.body.errors).toEqual([
      expect.objectContaining({ field: 'blockedDomains[1]' }),
    ]);
    const type = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ headerBasedSync: 'yes' })
      .expect(400);
    expect(type.body.errors).toEqual([
      {
        field: 'headerBasedSync',
        message: 'headerBasedSync must be a boolean value',
      },
    ]);
    const unknown = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ syncEverything: true })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('syncEverything');
    const range = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ backfillDays: 0 })
      .expect(400);
    expect(range.body.errors[0].field).toBe('backfillDays');
    const malformed = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .set('content-type', 'application/json')
      .send('{"headerBasedSync":')
      .expect(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);
  });

  it('answers 409 to a stale version', async () => {
    const response = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ version: 1, ignorePrivate: false })
      .expect(409);
    expect(response.body.status).toBe(409);
  });

  it('answers 413 to an oversize body, as problem+json', async () => {
    const response = await request(api.server)
      .patch(SETTINGS)
      .set(org.admin.bearer)
      .send({ sensitiveSubjectTerms: ['x'.repeat(70 * 1024)] })
      .expect(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
    expect(response.body).toMatchObject({
      status: 413,
      title: 'Payload Too Large',
    });
  });

  it('pages the audit log with a cursor', async () => {
    for (const days of [10, 20, 30]) {
      await request(api.server)
        .patch(SETTINGS)
        .set(org.admin.bearer)
        .send({ backfillDays: days })
        .expect(200);
    }
    const first = await request(api.server)
      .get('/api/v1/audit-events?limit=2')
      .set(org.admin.bearer)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await request(api.server)
      .get(
        `/api/v1/audit-events?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      )
      .set(org.admin.bearer)
      .expect(200);
    expect(second.body.items.length).toBeGreaterThanOrEqual(1);
    const ids = [...first.body.items, ...second.body.items].map(
      (e: { id: string }) => e.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await request(api.server)
      .get('/api/v1/audit-events?limit=1000')
      .set(org.admin.bearer)
      .expect(400);
    expect(bad.body.errors[0].field).toBe('limit');
  });
});
