import type { SettingsIssue } from '@headersync/domain-model';

/** The update was refused before anything was written; `issues` name the fields. */
export class OrgSettingsValidationError extends Error {
  constructor(readonly issues: readonly SettingsIssue[]) {
    // Field names and rules only: rejected values may be addresses.
    super(
      `Invalid org email settings: ${issues.map((i) => `${i.field || '(body)'} ${i.message}`).join('; ')}`,
    );
    this.name = 'OrgSettingsValidationError';
  }
}

/** The caller edited settings it read at another version (optimistic concurrency). */
export class OrgSettingsConflictError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `Org email settings changed meanwhile (expected version ${expectedVersion}, now ${currentVersion})`,
    );
    this.name = 'OrgSettingsConflictError';
  }
}
