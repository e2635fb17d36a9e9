import { randomBytes } from 'node:crypto';
import { ConfigError } from './config.error.js';
import { DEFAULT_DATABASE_URL, loadConfig } from './app-config.js';

const KEY = randomBytes(32).toString('base64');

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses local defaults when only the encryption key is set', () => {
    const config = loadConfig({ HEADERSYNC_ENCRYPTION_KEY: KEY });
    expect(config.databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.apiPort).toBe(3000);
    expect(config.adminPort).toBe(4200);
    expect(config.encryption.currentVersion).toBe(1);
    expect(config.encryption.keys.get(1)?.length).toBe(32);
  });

  it('names a bad DATABASE_URL in one line without echoing it', () => {
    const problems = problemsOf({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      DATABASE_URL: 'mysql://root:hunter2@db/x',
    });
    expect(problems).toEqual([
      'DATABASE_URL must use postgres:// or postgresql://, got mysql://',
    ]);
    expect(problems.join()).not.toContain('hunter2');
  });

  it('reports every problem at once, one line each', () => {
    const problems = problemsOf({
      DATABASE_URL: 'not a url',
      API_PORT: '70000',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toEqual([
      'DATABASE_URL is not a valid URL',
      'API_PORT must be a whole number from 1 to 65535, got "70000"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud"',
      expect.stringMatching(/^HEADERSYNC_ENCRYPTION_KEY is missing/),
    ]);
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(
      problemsOf({
        HEADERSYNC_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64'),
      }),
    ).toEqual(['HEADERSYNC_ENCRYPTION_KEY must be 32 bytes encoded in base64']);
  });

  it('keeps previous keys readable for rotation', () => {
    const old = randomBytes(32).toString('base64');
    const config = loadConfig({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      HEADERSYNC_ENCRYPTION_KEY_VERSION: '2',
      HEADERSYNC_ENCRYPTION_PREVIOUS_KEYS: `1:${old}`,
    });
    expect(config.encryption.currentVersion).toBe(2);
    expect([...config.encryption.keys.keys()].sort()).toEqual([1, 2]);
  });

  it('refuses plain-http Graph endpoints', () => {
    expect(
      problemsOf({
        HEADERSYNC_ENCRYPTION_KEY: KEY,
        GRAPH_BASE_URL: 'http://graph.example/v1.0',
      }),
    ).toEqual(['GRAPH_BASE_URL must use https://, got http://']);
  });

  it("paces Graph under Outlook's mailbox budget unless told otherwise", () => {
    const config = loadConfig({ HEADERSYNC_ENCRYPTION_KEY: KEY });
    expect(config.graph.mailboxRequestLimit).toBe(10_000);
    expect(config.graph.mailboxRequestWindowSeconds).toBe(600);
    expect(
      loadConfig({
        HEADERSYNC_ENCRYPTION_KEY: KEY,
        GRAPH_MAILBOX_REQUEST_LIMIT: '0',
      }).graph.mailboxRequestLimit,
    ).toBe(0);
    expect(
      problemsOf({
        HEADERSYNC_ENCRYPTION_KEY: KEY,
        GRAPH_MAILBOX_REQUEST_WINDOW_SECONDS: '0',
      }),
    ).toHaveLength(1);
  });

  it('serves the queue dashboard, which shows every org, only outside production unless turned on', () => {
    const env = { HEADERSYNC_ENCRYPTION_KEY: KEY };
    expect(loadConfig(env).queueDashboard).toBe(true);
    expect(loadConfig({ ...env, NODE_ENV: 'production' }).queueDashboard).toBe(
      false,
    );
    expect(
      loadConfig({ ...env, NODE_ENV: 'production', QUEUE_DASHBOARD: 'on' })
        .queueDashboard,
    ).toBe(true);
    expect(problemsOf({ ...env, QUEUE_DASHBOARD: 'yes' })).toEqual([
      expect.stringContaining('QUEUE_DASHBOARD'),
    ]);
  });

  it('turns Microsoft sign-in and the demo seed on only when configured', () => {
    const off = loadConfig({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      ADMIN_PORT: '4300',
    });
    expect(off.microsoftSignIn).toBeUndefined();
    expect(off.demo).toBeUndefined();
    expect(off.publicAdminUrl).toBe('http://127.0.0.1:4300');
    const on = loadConfig({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      PUBLIC_ADMIN_URL: 'https://admin.contoso.example/',
      MICROSOFT_SIGNIN_CLIENT_ID: 'app-id',
      MICROSOFT_SIGNIN_CLIENT_SECRET: 'app-secret',
      DEMO_SIMULATOR_CREDENTIALS: '/tmp/sim.json',
      DEMO_ADMIN_EMAIL: 'Boss@Demo.example',
    });
    expect(on.publicAdminUrl).toBe('https://admin.contoso.example');
    expect(on.microsoftSignIn).toEqual({
      clientId: 'app-id',
      clientSecret: 'app-secret',
      tenant: 'organizations',
    });
    expect(on.demo).toMatchObject({
      simulatorCredentialsPath: '/tmp/sim.json',
      adminEmail: 'boss@demo.example',
      memberEmail: 'member@demo.headersync.local',
    });
  });

  it('names half a Microsoft sign-in app and a short demo password, without echoing them', () => {
    const problems = problemsOf({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      MICROSOFT_SIGNIN_CLIENT_SECRET: 'lonely-secret',
      DEMO_SIMULATOR_CREDENTIALS: '/tmp/sim.json',
      DEMO_ADMIN_PASSWORD: 'short',
    });
    expect(problems).toEqual([
      'MICROSOFT_SIGNIN_CLIENT_ID and MICROSOFT_SIGNIN_CLIENT_SECRET must be set together',
      'DEMO_ADMIN_PASSWORD must be at least 12 characters',
    ]);
    expect(problems.join('\n')).not.toContain('lonely-secret');
  });
});
