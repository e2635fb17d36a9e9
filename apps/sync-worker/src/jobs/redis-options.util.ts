import type { RedisOptions } from 'ioredis';

/**
 * ioredis options for Bull from REDIS_URL, with a client name so an operator
 * (or a test) can tell the worker's connections apart in `CLIENT LIST`
 * (https://redis.io/docs/latest/commands/client-setname/). Bull parses plain
 * URLs itself but offers no way to name its three connections.
 */
export function redisOptionsFromUrl(
  redisUrl: string,
  connectionName: string,
): RedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.replace(/^\/+/, '');
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 6379,
    ...(db ? { db: Number(db) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // CLIENT SETNAME takes no spaces.
    connectionName: connectionName.replace(/\s+/g, '-'),
  };
}
