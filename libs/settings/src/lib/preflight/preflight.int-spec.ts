import { checkDatabase, checkRedis, PreflightError } from './preflight.js';

describe('checkBackingServices', () => {
  it('accepts the machine PostgreSQL and Redis', async () => {
    await expect(
      checkDatabase('postgres://postgres@127.0.0.1:5432/postgres'),
    ).resolves.toBeUndefined();
    await expect(checkRedis('redis://127.0.0.1:6379')).resolves.toBeUndefined();
  });

  it('names DATABASE_URL and the reason when the database does not exist', async () => {
    const failure = checkDatabase(
      'postgres://postgres:s3cret@127.0.0.1:5432/hs_missing_database',
    );
    await expect(failure).rejects.toBeInstanceOf(PreflightError);
    await expect(failure).rejects.toThrow(
      'DATABASE_URL: cannot use the database at 127.0.0.1:5432/hs_missing_database: database "hs_missing_database" does not exist',
    );
    await failure.catch((error: Error) => {
      expect(error.message).not.toContain('s3cret');
      expect(error.message).not.toContain('\n');
    });
  });

  it('names REDIS_URL when nothing listens there', async () => {
    await expect(checkRedis('redis://127.0.0.1:1')).rejects.toThrow(
      /^REDIS_URL: cannot use Redis at 127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });
});
