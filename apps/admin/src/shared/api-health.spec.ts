import { fetchApiHealth } from './api-health';

function respond(status: number, body: unknown): typeof fetch {
  // jsdom has no fetch Response: a minimal one with what fetchApiHealth reads.
  return (async () => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  })) as unknown as typeof fetch;
}

describe('fetchApiHealth', () => {
  it('is up when terminus says ok', async () => {
    await expect(
      fetchApiHealth(respond(200, { status: 'ok' })),
    ).resolves.toEqual({
      state: 'up',
    });
  });

  it('names the failing dependencies on 503', async () => {
    await expect(
      fetchApiHealth(
        respond(503, { status: 'error', error: { redis: { status: 'down' } } }),
      ),
    ).resolves.toEqual({ state: 'down', reason: 'redis not reachable' });
  });

  it('is down when the API cannot be reached', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(fetchApiHealth(failing)).resolves.toEqual({
      state: 'down',
      reason: 'API not reachable',
    });
  });
});
