import { redisOptionsFromUrl } from './redis-options.util';

describe('redisOptionsFromUrl', () => {
  it('reads host, port and database, and names the connection', () => {
    expect(
      redisOptionsFromUrl(
        'redis://127.0.0.1:6380/2',
        'headersync-sync-worker:hs',
      ),
    ).toEqual({
      host: '127.0.0.1',
      port: 6380,
      db: 2,
      connectionName: 'headersync-sync-worker:hs',
    });
  });

  it('defaults the port, decodes credentials and turns on TLS for rediss', () => {
    expect(
      redisOptionsFromUrl('rediss://user:p%40ss@cache.example:6379', 'a b'),
    ).toEqual({
      host: 'cache.example',
      port: 6379,
      username: 'user',
      password: 'p@ss',
      tls: {},
      connectionName: 'a-b',
    });
  });

  it('unwraps IPv6 hosts', () => {
    expect(redisOptionsFromUrl('redis://[::1]', 'w').host).toBe('::1');
  });
});
