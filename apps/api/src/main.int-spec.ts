import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

// Boots the built app (the test target depends on build) the way an operator
// would, and checks that a bad environment ends it with one clear line.
const MAIN = resolve(__dirname, '../dist/main.js');

function boot(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr }));
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
});
