import type { OrgEmailSettings } from '@headersync/domain-model';

export interface SettingsDiff {
  readonly before: Partial<Record<keyof OrgEmailSettings, unknown>>;
  readonly after: Partial<Record<keyof OrgEmailSettings, unknown>>;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/**
 * The fields that differ, with their old and new values. The audit event
 * stores these rather than both whole objects: address lists may hold
 * thousands of entries, and a change is easier to read this way.
 */
export function diffSettings(
  before: OrgEmailSettings,
  after: OrgEmailSettings,
): SettingsDiff {
  const b: Partial<Record<keyof OrgEmailSettings, unknown>> = {};
  const a: Partial<Record<keyof OrgEmailSettings, unknown>> = {};
  for (const key of Object.keys(after) as (keyof OrgEmailSettings)[]) {
    if (!sameValue(before[key], after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
