import { prefetchOne } from './prefetch.util';

describe('prefetchOne', () => {
  it('asks for the next item while the caller works on the current one', async () => {
    const events: string[] = [];
    async function* pages() {
      for (const n of [1, 2, 3]) {
        events.push(`fetch ${n}`);
        await Promise.resolve();
        yield n;
      }
    }
    for await (const page of prefetchOne(pages())) {
      events.push(`work ${page} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`work ${page} end`);
    }
    expect(events).toEqual([
      'fetch 1',
      'fetch 2',
      'work 1 start',
      'work 1 end',
      'fetch 3',
      'work 2 start',
      'work 2 end',
      'work 3 start',
      'work 3 end',
    ]);
  });

  it('surfaces an error of the item fetched ahead when the caller reaches it', async () => {
    async function* pages() {
      yield 1;
      throw new Error('410 Gone');
    }
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of prefetchOne(pages())) seen.push(page);
    }).rejects.toThrow('410 Gone');
    expect(seen).toEqual([1]);
  });

  it('leaves no unhandled rejection when the caller stops before an item that fails', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    async function* pages() {
      yield 1;
      throw new Error('never looked at');
    }
    try {
      await expect(async () => {
        for await (const page of prefetchOne(pages())) {
          if (page === 1) throw new Error('caller failed');
        }
      }).rejects.toThrow('caller failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
