import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import {
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';

// Boots the built app (the test target depends on build) the way an operator
// would, and checks that a bad environment ends it with one clear line.
const MAIN = resolve(__dirname, '../dist/main.js');

function boot(
  env: Record<string, string>,
  args: readonly string[] = [],
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const KEY = randomBytes(32).toString('base64');

describe('api boot', () => {
  jest.setTimeout(30_000);

  it('fails with one line naming DATABASE_URL when the database does not exist', async () => {
    const { code, stderr } = await boot({
      HEADERSYNC_ENCRYPTION_KEY: KEY,
      DATABASE_URL:
        'postgres://postgres:s3cret@127.0.0.1:5432/hs_no_such_database',
      API_PORT: '3996',
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'DATABASE_URL: cannot use the database at 127.0.0.1:5432/hs_no_such_database: database "hs_no_such_database" does not exist',
    ]);
    expect(stderr).not.toContain('s3cret');
  });

  it('fails with one line per problem when the environment is invalid', async () => {
    const { code, stderr } = await boot({ DATABASE_URL: 'mysql://x/y' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Configuration error: DATABASE_URL must use postgres:// or postgresql://, got mysql://',
      expect.stringMatching(
        /^Configuration error: HEADERSYNC_ENCRYPTION_KEY is missing/,
      ),
    ]);
  });

  describe('create-admin', () => {
    let database: TestDatabase;
    let env: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase();
      env = {
        HEADERSYNC_ENCRYPTION_KEY: KEY,
        DATABASE_URL: database.databaseUrl,
        REDIS_PREFIX: `hs-test-cli-${process.pid}`,
      };
    });
    afterAll(() => database?.drop());

    it('creates an org and its first admin, the password read from standard input', async () => {
      const { code, stdout, stderr } = await boot(
        env,
        ['create-admin', '--org', 'Contoso', '--email', 'Ada@Contoso.example'],
        'a long enough password\n',
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /^created admin ada@contoso\.example in org "Contoso" \([0-9a-f-]{36}\)\n$/,
      );
      const rows = await database.dataSource.query<
        { role: string; password_hash: string; name: string }[]
      >(
        `SELECT u.role, u.password_hash, o.name FROM app_user u JOIN organization o ON o.id = u.org_id
         WHERE u.email = 'ada@contoso.example'`,
      );
      expect(rows).toEqual([
        {
          role: 'admin',
          name: 'Contoso',
          password_hash: expect.stringMatching(/^\$scrypt\$ln=17,/),
        },
      ]);
    });

    it('refuses a short password or missing options with one line', async () => {
      const short = await boot(
        env,
        ['create-admin', '--org', 'X', '--email', 'x@contoso.example'],
        'short',
      );
      expect(short.code).toBe(1);
      expect(short.stderr).toBe(
        'the password (on standard input) must be at least 12 characters\n',
      );
      const usage = await boot(env, ['create-admin', '--email', 'x@y.example']);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toMatch(
        /^Usage: node apps\/api\/dist\/main\.js create-admin/,
      );
    });
  });
});
