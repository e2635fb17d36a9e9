import pg from 'pg';
import { Redis } from 'ioredis';

/** Raised before an app starts when a backing service cannot be used; one line, no secrets. */
export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

/**
 * Connects once to DATABASE_URL and REDIS_URL so a wrong URL fails the boot
 * with one clear line instead of a framework's retry loop and stack traces.
 * Messages name the variable and the host, never the URL (it may hold a password).
 */
export async function checkBackingServices(config: {
  databaseUrl: string;
  redisUrl: string;
}): Promise<void> {
  await checkDatabase(config.databaseUrl);
  await checkRedis(config.redisUrl);
}

export async function checkDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 5000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new PreflightError(
      `DATABASE_URL: cannot use the database at ${hostOf(databaseUrl)}: ${reasonOf(error)}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed"; the socket's own error says why.
  let socketError: unknown;
  redis.on('error', (error: unknown) => {
    socketError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new PreflightError(
      `REDIS_URL: cannot use Redis at ${hostOf(redisUrl)}: ${reasonOf(socketError ?? error)}`,
    );
  } finally {
    redis.disconnect();
  }
}

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AggregateError) {
    return reasonOf(error.errors[0]);
  }
  if (error instanceof Error) {
    // pg puts the server's reason in message ("database \"x\" does not exist");
    // connection errors carry a code (ECONNREFUSED).
    const code = (error as { code?: unknown }).code;
    return error.message || (typeof code === 'string' ? code : error.name);
  }
  return String(error);
}
