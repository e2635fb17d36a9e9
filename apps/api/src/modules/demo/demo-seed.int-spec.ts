import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  spawnGraphSimulator,
  type RunningGraphSimulator,
} from '@headersync/graph-client/testing';
import {
  DEFAULT_DEMO_ADMIN_EMAIL,
  DEFAULT_DEMO_ADMIN_PASSWORD,
  DEFAULT_DEMO_MEMBER_EMAIL,
  DEFAULT_DEMO_MEMBER_PASSWORD,
} from '@headersync/settings';
import { signIn, startE2eApi, type E2eApi } from '../../testing/e2e-app.util';
import { DemoSeedService } from './demo-seed.service';

describe('demo seed for npm start', () => {
  let simulator: RunningGraphSimulator;
  let api: E2eApi;
  let dir: string;

  beforeAll(async () => {
    simulator = await spawnGraphSimulator([
      '--seed',
      '5',
      '--mailboxes',
      '2',
      '--messages',
      '4',
    ]);
    dir = await mkdtemp(join(tmpdir(), 'headersync-demo-'));
    const file = join(dir, 'credentials.json');
    await writeFile(file, JSON.stringify(simulator.credentials));
    const c = simulator.credentials;
    api = await startE2eApi(
      {},
      {
        GRAPH_AUTHORITY_HOST: c.baseUrl,
        GRAPH_BASE_URL: c.graphBaseUrl,
        GRAPH_CA_CERT_PATH: c.caCertPath,
        DEMO_SIMULATOR_CREDENTIALS: file,
      },
    );
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await simulator?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('seeds an empty database once: org, users, Graph app, mailboxes, prospects', async () => {
    const seed = api.app.get(DemoSeedService);
    const first = await seed.seedIfEmpty();
    expect(first).toMatchObject({ seeded: true, mailboxes: 2 });
    expect(await seed.seedIfEmpty()).toEqual({ seeded: false });

    const admin = await signIn(api.server, {
      email: DEFAULT_DEMO_ADMIN_EMAIL,
      password: DEFAULT_DEMO_ADMIN_PASSWORD,
    });
    const session = await request(api.server)
      .get('/api/v1/auth/session')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(session.body).toMatchObject({
      role: 'admin',
      displayName: 'Demo Admin',
      org: { name: 'Demo org' },
    });
    const member = await signIn(api.server, {
      email: DEFAULT_DEMO_MEMBER_EMAIL,
      password: DEFAULT_DEMO_MEMBER_PASSWORD,
    });
    await request(api.server)
      .patch('/api/v1/org/email-settings')
      .set(member.unsafe)
      .send({ headerBasedSync: true })
      .expect(403);

    const mailboxes = await request(api.server)
      .get('/api/v1/mailboxes')
      .set('cookie', admin.cookie)
      .expect(200);
    expect(mailboxes.body.items).toHaveLength(2);
    const test = await request(api.server)
      .post('/api/v1/graph-connection/test')
      .set(admin.unsafe)
      .send({})
      .expect(200);
    expect(test.body.ok).toBe(true);
    expect(simulator.credentials.prospectsPath).toBeTruthy();
    expect(first.seeded && first.prospects).toBeGreaterThan(0);
  });
});
