/**
 * Iterates `source` one item ahead: the next item is being fetched while the
 * caller works on the current one. For delta pages this overlaps the next
 * page's Graph request with the classification, downloads and commit of the
 * current page, without changing the order anything is committed in.
 *
 * An error of the item fetched ahead surfaces when the caller gets to it. If
 * the caller stops early, the source is closed without waiting for a fetch
 * still under way (it may be waiting out a long Retry-After).
 */
export async function* prefetchOne<T>(
  source: AsyncIterable<T>,
): AsyncGenerator<T, void, undefined> {
  const it = source[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = it.next();
      // Handled here, rethrown when awaited above: the caller may never get
      // to it, and an unhandled rejection would end the process.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    void it.return?.()?.catch(() => undefined);
  }
}
