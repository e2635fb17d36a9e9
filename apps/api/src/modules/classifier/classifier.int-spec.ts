import request from 'supertest';
import {
  startApiHarness,
  type ApiHarness,
  type TestOrg,
} from '../prospects/testing/api-harness.util';

const DRY_RUN_LIMIT = 12;

// An Exchange out-of-office reply: RFC 3834 §5 Auto-Submitted.
const RAW_AUTO_REPLY = [
  'From: Jane Doe <jane.doe@fabrikam.example>',
  'To: rep@contoso.example',
  'Subject: Automatic reply: Quote',
  'Date: Mon, 30 Nov 2026 09:00:00 +0000',
  'Message-ID: <oof-1@fabrikam.example>',
  'Auto-Submitted: auto-replied',
  'X-MS-Exchange-Inbox-Rules-Loop: jane.doe@fabrikam.example',
  '',
  'I am out of the office until Monday.',
].join('\r\n');

function graphMessage(from: string, headers: [string, string][] = []) {
  return {
    from: { emailAddress: { name: 'Sender', address: from } },
    toRecipients: [{ emailAddress: { address: 'rep@contoso.example' } }],
    subject: 'Quote for next quarter',
    internetMessageHeaders: [
      { name: 'From', value: from },
      { name: 'To', value: 'rep@contoso.example' },
      ...headers.map(([name, value]) => ({ name, value })),
    ],
  };
}

describe('classifier dry run API (e2e, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let org: TestOrg;
  let other: TestOrg;
  let calls = 0;

  beforeAll(async () => {
    api = await startApiHarness({
      dryRunRateLimit: { limit: DRY_RUN_LIMIT, ttlMs: 60_000 },
    });
    org = await api.createOrg();
    other = await api.createOrg();
    await request(api.server)
      .post('/api/v1/prospects')
      .set(org.admin.headers)
      .send({ email: 'jane.doe@fabrikam.example' })
      .expect(201);
    await request(api.server)
      .patch('/api/v1/org/email-settings')
      .set(org.admin.headers)
      .send({
        internalDomains: ['contoso.example'],
        blockedDomains: ['competitor.example'],
      })
      .expect(200);
  });

  afterAll(async () => {
    await api?.close();
  });

  function dryRun(caller: TestOrg['admin'], body: object) {
    calls += 1;
    return request(api.server)
      .post('/api/v1/classifier/dry-run')
      .set(caller.headers)
      .send(body);
  }

  it('refuses callers without a session or token (401) and members (403)', async () => {
    await request(api.server)
      .post('/api/v1/classifier/dry-run')
      .send({ raw: RAW_AUTO_REPLY })
      .expect(401);
    await dryRun(org.member, { raw: RAW_AUTO_REPLY }).expect(403);
  });

  it('classifies raw headers: an auto-reply from a prospect is fetched', async () => {
    const response = await dryRun(org.admin, {
      raw: RAW_AUTO_REPLY,
      mailboxId: org.otherMailbox.id,
    }).expect(200);
    expect(response.body).toMatchObject({
      decision: {
        kind: 'auto-reply',
        action: 'fetch',
        rules: expect.arrayContaining([
          'auto-reply/auto-submitted',
          'relevance/auto-reply-from-prospect',
        ]),
        prospects: ['jane.doe@fabrikam.example'],
      },
      direction: 'inbound',
      sensitivity: 'normal',
      malformed: [],
    });
  });

  it('classifies Graph JSON under the org’s settings: prospect fetched, blocked and bulk ignored', async () => {
    const prospect = await dryRun(
      org.admin,
      graphMessage('jane.doe@fabrikam.example'),
    ).expect(200);
    expect(prospect.body.decision).toMatchObject({
      kind: 'human',
      action: 'fetch',
      rules: ['relevance/prospect-participant'],
    });
    const blocked = await dryRun(
      org.admin,
      graphMessage('spy@competitor.example'),
    ).expect(200);
    expect(blocked.body.decision).toMatchObject({
      action: 'ignore',
      rules: expect.arrayContaining(['relevance/blocked-participant']),
    });
    const bulk = await dryRun(
      org.admin,
      graphMessage('jane.doe@fabrikam.example', [
        ['List-Unsubscribe', '<mailto:unsubscribe@fabrikam.example>'],
      ]),
    ).expect(200);
    expect(bulk.body.decision).toMatchObject({
      kind: 'bulk',
      action: 'ignore',
    });
    // The same prospect address means nothing to another org.
    const elsewhere = await dryRun(
      other.admin,
      graphMessage('jane.doe@fabrikam.example'),
    ).expect(200);
    expect(elsewhere.body.decision).toMatchObject({
      action: 'ignore',
      rules: ['relevance/no-prospect'],
      prospects: [],
    });
  });

  it('answers 404 for another org’s mailbox', async () => {
    await dryRun(org.admin, {
      raw: RAW_AUTO_REPLY,
      mailboxId: other.otherMailbox.id,
    }).expect(404);
  });

  it('answers 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{}, 'raw'],
      [{ raw: RAW_AUTO_REPLY, subject: 'both' }, 'raw'],
      [{ raw: 42 }, 'raw'],
      [{ raw: RAW_AUTO_REPLY, direction: 'sideways' }, 'direction'],
      [
        {
          toRecipients: [{ emailAddress: { address: 7 } }],
        },
        'toRecipients[0].emailAddress.address',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await dryRun(org.admin, body);
      expect([field, response.status]).toEqual([field, 400]);
      expect(
        response.body.errors.map((e: { field: string }) => e.field),
      ).toContain(field);
    }
  });

  it('rate limits the dry run (429) as configured', async () => {
    let status = 200;
    while (calls <= DRY_RUN_LIMIT + 1 && status !== 429)
      status = (await dryRun(org.admin, { raw: RAW_AUTO_REPLY })).status;
    expect(status).toBe(429);
  });
});
