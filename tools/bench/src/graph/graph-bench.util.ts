// Pure arithmetic of the Graph benchmark: what the protocol needs at least,
// and what the throttle allows at most.

/**
 * Fewest requests a full header-based sync of the folders can take: each
 * folder's delta needs ceil(n / pageSize) pages (at least one, which carries
 * the deltaLink), and each fetched message one GET (a `$batch` item is a
 * request to Outlook's throttle).
 */
export function minimumRequests(
  folderSizes: readonly number[],
  pageSize: number,
  fetchedMessages: number,
): number {
  const pages = folderSizes.reduce(
    (sum, n) => sum + Math.max(1, Math.ceil(n / pageSize)),
    0,
  );
  return pages + fetchedMessages;
}

/**
 * The sustained rate Outlook's throttle allows one app on one mailbox:
 * `limit` requests per `windowMs` (10,000 per 10 minutes in Graph), so with
 * one request per fetched message, the ceiling in messages per second.
 */
export function throttleCeilingPerSecond(
  limit: number,
  windowMs: number,
): number {
  return limit / (windowMs / 1000);
}

/**
 * The shortest time a fixed-window throttle needs for `requests` requests:
 * every full window's budget is spent, so the last request falls into window
 * floor((requests - 1) / limit) + 1 at the earliest.
 */
export function throttleMinimumMs(
  requests: number,
  limit: number,
  windowMs: number,
): number {
  if (requests <= 0) return 0;
  return Math.floor((requests - 1) / limit) * windowMs;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;
}
