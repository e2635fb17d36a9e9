import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deleteRedisKeys, dumpRedis, redisUsage } from './redis-keys.js';

const URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('prefix-scoped Redis helpers', () => {
  const prefix = `hs-test-${randomBytes(4).toString('hex')}`;
  const other = `${prefix}-other`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(URL);
    await redis.set(`${prefix}:s`, 'one');
    await redis.hset(`${prefix}:h`, { a: '1' });
    await redis.rpush(`${prefix}:l`, 'x', 'y');
    await redis.set(`${other}:s`, 'kept');
  });

  afterAll(async () => {
    await redis.del(`${other}:s`);
    redis.disconnect();
  });

  it('dumps every key of the prefix with its value, and only those', async () => {
    const dump = await dumpRedis(URL, prefix);
    expect(dump.split('\n').sort()).toEqual([
      `${prefix}:h {"a":"1"}`,
      `${prefix}:l ["x","y"]`,
      `${prefix}:s "one"`,
    ]);
    expect((await redisUsage(URL, prefix)).keys).toBe(3);
  });

  it('deletes the prefix and leaves another prefix alone', async () => {
    await deleteRedisKeys(URL, '');
    expect((await redisUsage(URL, prefix)).keys).toBe(3);
    await deleteRedisKeys(URL, prefix);
    expect(await dumpRedis(URL, prefix)).toBe('');
    expect(await redis.get(`${other}:s`)).toBe('kept');
  });
});
