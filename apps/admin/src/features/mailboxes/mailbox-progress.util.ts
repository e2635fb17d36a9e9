import type { Mailbox } from '../../shared/api-types';

/** Bull job states in which a sync is queued or under way. */
const BUSY_STATES = new Set([
  'active',
  'waiting',
  'delayed',
  'waiting-children',
  'prioritized',
]);

export function isSyncBusy(mailbox: Mailbox): boolean {
  return mailbox.job !== null && BUSY_STATES.has(mailbox.job.state);
}

/**
 * The running job's progress as a fraction, or undefined when unknown. Bull
 * stores whatever the worker reports: a percentage, or an object with a
 * percentage or done/total counts.
 */
export function progressFraction(progress: unknown): number | undefined {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  if (typeof progress === 'number' && Number.isFinite(progress))
    return clamp(progress > 1 ? progress / 100 : progress);
  if (typeof progress === 'object' && progress !== null) {
    const p = progress as Record<string, unknown>;
    if (typeof p['percent'] === 'number') return clamp(p['percent'] / 100);
    const done = p['done'] ?? p['processed'] ?? p['seen'];
    const total = p['total'];
    if (typeof done === 'number' && typeof total === 'number' && total > 0)
      return clamp(done / total);
  }
  return undefined;
}

/**
 * What the running sync has done so far, for the sync worker's progress
 * (`{ folders, foldersDone, seen, fetched, stored, removed }`): Graph's delta
 * tells no total ahead, so there is no percentage to show.
 */
export function progressSummary(progress: unknown): string | undefined {
  if (typeof progress !== 'object' || progress === null) return undefined;
  const p = progress as Record<string, unknown>;
  const count = (key: string) =>
    typeof p[key] === 'number' && Number.isFinite(p[key])
      ? (p[key] as number)
      : undefined;
  const seen = count('seen');
  if (seen === undefined) return undefined;
  const parts = [`${seen.toLocaleString('en-US')} read`];
  const stored = count('stored');
  if (stored !== undefined)
    parts.push(`${stored.toLocaleString('en-US')} stored`);
  const folders = count('folders');
  const done = count('foldersDone');
  if (folders !== undefined && done !== undefined && folders > 0)
    parts.push(`folder ${Math.min(folders, done + 1)} of ${folders}`);
  return parts.join(' · ');
}

/** What an admin can do about a mailbox error, from the reason the worker gave. */
export function remedyFor(reason: string): string {
  if (
    /consent|forbidden|403|access ?denied|authorization_requestdenied|permission/i.test(
      reason,
    )
  )
    return 'Grant admin consent on the Graph connection page (Mail.Read), then choose Sync now.';
  if (
    /credential|secret|certificate|invalid_client|aadsts7000215|401|token/i.test(
      reason,
    )
  )
    return 'The app credentials were refused: replace the secret or certificate on the Graph connection page.';
  if (
    /not ?found|404|mailboxnotenabled|resourcenotfound|no such user/i.test(
      reason,
    )
  )
    return 'Check that the user exists and has an Exchange Online mailbox; remove the mailbox if the user left.';
  if (/throttl|429|too many/i.test(reason))
    return 'Microsoft Graph is throttling this mailbox; the next sync retries automatically.';
  return 'Run the connection test on the Graph connection page, then choose Sync now.';
}
