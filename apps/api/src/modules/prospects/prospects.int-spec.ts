import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startApiHarness,
  type ApiHarness,
  type TestOrg,
} from './testing/api-harness.util';

const CSV_LIMIT = 512 * 1024;

describe('prospects API (e2e, real PostgreSQL and Redis)', () => {
  let api: ApiHarness;
  let org: TestOrg;
  let other: TestOrg;

  beforeAll(async () => {
    api = await startApiHarness({ csvBodyLimitBytes: CSV_LIMIT });
    org = await api.createOrg();
    other = await api.createOrg();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function prospectCount(orgId: string): Promise<number> {
    const rows = await api.database.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM "prospect" WHERE "org_id" = $1',
      [orgId],
    );
    return rows[0]?.n ?? -1;
  }

  it('refuses callers without a session or token (401) and members (403)', async () => {
    await request(api.server).get('/api/v1/prospects').expect(401);
    const forbidden = await request(api.server)
      .post('/api/v1/prospects')
      .set(org.member.headers)
      .send({ email: 'x@fabrikam.example' })
      .expect(403);
    expect(forbidden.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.member.headers)
      .type('text/csv')
      .send('email\nx@fabrikam.example\n')
      .expect(403);
    expect(await prospectCount(org.orgId)).toBe(0);
  });

  it('creates, reads, updates and deletes a prospect, normalised', async () => {
    const created = await request(api.server)
      .post('/api/v1/prospects')
      .set(org.admin.headers)
      .send({
        email: ' Jane.Doe@Fabrikam.Example ',
        accountDomain: 'Fabrikam.Example',
        name: 'Jane Doe',
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'jane.doe@fabrikam.example',
      accountDomain: 'fabrikam.example',
      name: 'Jane Doe',
    });
    const id = created.body.id as string;
    await request(api.server)
      .post('/api/v1/prospects')
      .set(org.admin.headers)
      .send({ email: 'JANE.DOE@fabrikam.example' })
      .expect(409);
    const updated = await request(api.server)
      .patch(`/api/v1/prospects/${id}`)
      .set(org.admin.headers)
      .send({ name: null })
      .expect(200);
    expect(updated.body).toMatchObject({ id, name: null });
    await request(api.server)
      .get(`/api/v1/prospects/${id}`)
      .set(org.admin.headers)
      .expect(200);
    await request(api.server)
      .delete(`/api/v1/prospects/${id}`)
      .set(org.admin.headers)
      .expect(204);
    await request(api.server)
      .get(`/api/v1/prospects/${id}`)
      .set(org.admin.headers)
      .expect(404);
  });

  it('answers 404 for another org’s prospect, whatever the method', async () => {
    const theirs = await request(api.server)
      .post('/api/v1/prospects')
      .set(other.admin.headers)
      .send({ email: 'theirs@northwind.example', name: 'Theirs' })
      .expect(201);
    const id = theirs.body.id as string;
    for (const call of [
      request(api.server).get(`/api/v1/prospects/${id}`),
      request(api.server).patch(`/api/v1/prospects/${id}`).send({ name: 'X' }),
      request(api.server).delete(`/api/v1/prospects/${id}`),
    ])
      await call.set(org.admin.headers).expect(404);
    const still = await request(api.server)
      .get(`/api/v1/prospects/${id}`)
      .set(other.admin.headers)
      .expect(200);
    expect(still.body.name).toBe('Theirs');
  });

  it('answers 400 naming the field', async () => {
    const bad = await request(api.server)
      .post('/api/v1/prospects')
      .set(org.admin.headers)
      .send({ email: 'not-an-email', name: 'Eve\r\nBcc: x@y.example' });
    expect(bad.status).toBe(400);
    expect(
      bad.body.errors.map((e: { field: string }) => e.field).sort(),
    ).toEqual(['email', 'name']);
    const limit = await request(api.server)
      .get('/api/v1/prospects?limit=100000')
      .set(org.admin.headers)
      .expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
    const cursor = await request(api.server)
      .get('/api/v1/prospects?cursor=not-ours')
      .set(org.admin.headers)
      .expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
  });

  it('searches by email prefix, paginated, and treats SQL as text', async () => {
    const bulk = await request(api.server)
      .post('/api/v1/prospects/bulk')
      .set(org.admin.headers)
      .send({
        prospects: [
          ...Array.from({ length: 5 }, (_, i) => ({
            email: `search-${i}@fabrikam.example`,
          })),
          { email: 'bad row' },
          { email: 'ok@fabrikam.example', accountDomain: 'not a domain' },
        ],
      })
      .expect(200);
    expect(bulk.body).toMatchObject({
      rows: 7,
      upserted: 5,
      rejected: 2,
      errors: [
        { row: 5, field: 'email', message: 'is not a valid email address' },
        { row: 6, field: 'accountDomain' },
      ],
    });
    const first = await request(api.server)
      .get('/api/v1/prospects?q=SEARCH-&limit=3')
      .set(org.admin.headers)
      .expect(200);
    expect(first.body.items.map((p: { email: string }) => p.email)).toEqual([
      'search-0@fabrikam.example',
      'search-1@fabrikam.example',
      'search-2@fabrikam.example',
    ]);
    const second = await request(api.server)
      .get('/api/v1/prospects')
      .query({ q: 'search-', limit: 3, cursor: first.body.nextCursor })
      .set(org.admin.headers)
      .expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();

    const before = await prospectCount(org.orgId);
    for (const q of [
      "' OR '1'='1",
      "x'; DROP TABLE prospect; --",
      '%',
      '_',
      '\\',
      "search-0@fabrikam.example' UNION SELECT * FROM app_user --",
    ]) {
      const response = await request(api.server)
        .get('/api/v1/prospects')
        .query({ q })
        .set(org.admin.headers)
        .expect(200);
      expect(response.body.items).toEqual([]);
    }
    expect(await prospectCount(org.orgId)).toBe(before);
  });

  it('imports a CSV streamed in chunks, reporting each bad row by line and field', async () => {
    const lines = ['Email Address,Full Name,Company Domain,Phone'];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `csv-${i}@contoso-${i % 7}.example,Person ${i},contoso-${i % 7}.example,555`,
      );
    lines.push('not-an-email,Bad,,'); // row 5002
    // A quoted name spanning lines is still one row (as a spreadsheet shows it).
    lines.push('eve@fabrikam.example,"Eve\r\nBcc: x@y.example",,'); // row 5003
    lines.push('dom@fabrikam.example,Dom,"bad domain!",'); // row 5004
    lines.push(',No email,,'); // row 5005
    lines.push('obrien@fabrikam.example,Pat O"Brien,,'); // row 5006: stray quote kept
    lines.push('"CSV-0@contoso-0.example",Renamed,,'); // row 5007: updates row 2
    const body = `${lines.join('\r\n')}\r\n`;

    const response = await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.admin.headers)
      .type('text/csv')
      .send(body)
      .expect(200);
    expect(response.body).toEqual({
      rows: 5006,
      // 5001 prospects: the last row updated one imported before it.
      upserted: 5002,
      rejected: 4,
      errors: [
        { row: 5002, field: 'email', message: 'is not a valid email address' },
        {
          row: 5003,
          field: 'name',
          message: 'must not contain control characters',
        },
        {
          row: 5004,
          field: 'accountDomain',
          message: 'is not a valid domain name',
        },
        { row: 5005, field: 'email', message: 'is missing' },
      ],
    });
    const renamed = await request(api.server)
      .get('/api/v1/prospects?q=csv-0@')
      .set(org.admin.headers)
      .expect(200);
    expect(renamed.body.items[0]).toMatchObject({
      email: 'csv-0@contoso-0.example',
      name: 'Renamed',
      accountDomain: null,
    });
    const audit = await api.database.dataSource.query<
      { after: Record<string, number> }[]
    >(
      `SELECT "after" FROM "audit_event" WHERE "org_id" = $1 AND "action" = 'prospects.csv-import'`,
      [org.orgId],
    );
    expect(audit).toEqual([
      { after: { rows: 5006, upserted: 5002, rejected: 4 } },
    ]);
    const obrien = await request(api.server)
      .get('/api/v1/prospects?q=obrien@')
      .set(org.admin.headers)
      .expect(200);
    expect(obrien.body.items[0].name).toBe('Pat O"Brien');
    expect(await prospectCount(other.orgId)).toBe(1);
  });

  it('refuses a file with a row that is not CSV, naming it, and imports nothing of it', async () => {
    const response = await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.admin.headers)
      .type('text/csv')
      .send(
        'email,name\nbefore@tailspin.example,A\nafter@tailspin.example,"never closed\n',
      )
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'row', message: '3 is not valid CSV (CSV_QUOTE_NOT_CLOSED)' },
    ]);
    const kept = await request(api.server)
      .get('/api/v1/prospects?q=before@tailspin.example')
      .set(org.admin.headers)
      .expect(200);
    expect(kept.body.items).toEqual([]);
  });

  it('stops a chunked upload at the cap (413) without a Content-Length, importing nothing', async () => {
    // Listening for real: the body goes out in chunks, as a browser streams a file.
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/prospects/import',
          headers: { ...org.admin.headers, 'content-type': 'text/csv' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      // The server may answer and close before the whole body is sent.
      req.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EPIPE' || error.code === 'ECONNRESET'
          ? undefined
          : reject(error),
      );
      req.write('email\n');
      let sent = 0;
      const write = () => {
        while (sent < CSV_LIMIT * 2) {
          const chunk = `chunked-${sent}@tailspin.example\n`;
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    expect(status).toBe(413);
    const none = await request(api.server)
      .get('/api/v1/prospects?q=chunked-')
      .set(org.admin.headers)
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('refuses a CSV without an email column, a non-CSV type and an oversize file', async () => {
    const noEmail = await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.admin.headers)
      .type('text/csv')
      .send('name,domain\nJane,fabrikam.example\n')
      .expect(400);
    expect(noEmail.body.errors).toEqual([
      { field: 'email', message: 'column is missing from the CSV header' },
    ]);
    await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.admin.headers)
      .type('application/octet-stream')
      .send(Buffer.from('email\nx@fabrikam.example\n'))
      .expect(415);
    const big = `email\n${'big@fabrikam.example\n'.repeat(CSV_LIMIT / 20 + 10)}`;
    const tooLarge = await request(api.server)
      .post('/api/v1/prospects/import')
      .set(org.admin.headers)
      .type('text/csv')
      .send(big)
      .expect(413);
    expect(tooLarge.headers['content-type']).toMatch(
      /^application\/problem\+json/,
    );
  });
});
