import { Redis } from 'ioredis';

// Tests and benchmarks run beside each other on one Redis, each under its
// own key prefix: these read and clear one prefix's keys and nothing else.
// SCAN, not KEYS, so a large shared Redis is never blocked
// (https://redis.io/docs/latest/commands/scan/).

async function* keysUnder(
  redis: Redis,
  prefix: string,
): AsyncGenerator<string[]> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${prefix}:*`,
      'COUNT',
      1000,
    );
    cursor = next;
    if (keys.length > 0) yield keys;
  } while (cursor !== '0');
}

async function withRedis<T>(
  url: string,
  work: (redis: Redis) => Promise<T>,
): Promise<T> {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under `prefix:`; an empty prefix deletes nothing. */
export async function deleteRedisKeys(
  url: string,
  prefix: string,
): Promise<void> {
  if (!prefix) return;
  await withRedis(url, async (redis) => {
    for await (const keys of keysUnder(redis, prefix)) await redis.del(...keys);
  });
}

/** Every key under `prefix:` with its value, whatever the type: one line a key. */
export async function dumpRedis(url: string, prefix: string): Promise<string> {
  return withRedis(url, async (redis) => {
    const out: string[] = [];
    for await (const keys of keysUnder(redis, prefix)) {
      for (const key of keys)
        out.push(`${key} ${JSON.stringify(await valueOf(redis, key))}`);
    }
    return out.join('\n');
  });
}

export interface RedisUsage {
  readonly keys: number;
  readonly bytes: number;
}

/** MEMORY USAGE of every key under `prefix:`, summed. */
export async function redisUsage(
  url: string,
  prefix: string,
): Promise<RedisUsage> {
  return withRedis(url, async (redis) => {
    let keys = 0;
    let bytes = 0;
    for await (const batch of keysUnder(redis, prefix)) {
      for (const key of batch) {
        const usage = await redis.memory('USAGE', key);
        keys += 1;
        bytes += typeof usage === 'number' ? usage : 0;
      }
    }
    return { keys, bytes };
  });
}

async function valueOf(redis: Redis, key: string): Promise<unknown> {
  const type = await redis.type(key);
  switch (type) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1, 'WITHSCORES');
    default:
      return `<${type}>`;
  }
}
