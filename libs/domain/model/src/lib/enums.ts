// Closed vocabularies shared by the database, the API, the worker and the
// admin app. Each is a readonly tuple (for runtime checks and CHECK
// constraints) plus the union type derived from it.

/** Graph well-known folder names we sync (Graph "mailFolder" well-known names). */
export const MAIL_FOLDERS = ['inbox', 'sentitems'] as const;
export type MailFolder = (typeof MAIL_FOLDERS)[number];

export const USER_ROLES = ['admin', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

// 'application': client-credentials (app-only) access granted by admin
// consent; 'delegated': a user's own sign-in. The product uses app-only.
export const MAILBOX_CONNECTION_KINDS = ['application', 'delegated'] as const;
export type MailboxConnectionKind = (typeof MAILBOX_CONNECTION_KINDS)[number];

export const MAILBOX_STATUSES = ['active', 'paused', 'error'] as const;
export type MailboxStatus = (typeof MAILBOX_STATUSES)[number];

export const FOLDER_SYNC_STATUSES = [
  'pending',
  'syncing',
  'idle',
  'error',
] as const;
export type FolderSyncStatus = (typeof FOLDER_SYNC_STATUSES)[number];

// 'full' reads whole messages (Mail.Read); 'header' is the optional
// least-privilege pair used for the header pass.
export const GRAPH_CREDENTIAL_PURPOSES = ['full', 'header'] as const;
export type GraphCredentialPurpose = (typeof GRAPH_CREDENTIAL_PURPOSES)[number];

export const GRAPH_CREDENTIAL_KINDS = ['secret', 'certificate'] as const;
export type GraphCredentialKind = (typeof GRAPH_CREDENTIAL_KINDS)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

/** Kinds decided by the header classifier (issue 3). */
export const MESSAGE_KINDS = [
  'human',
  'auto-reply',
  'bounce',
  'bulk',
  'calendar',
  'spam',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const SYNC_MODES = ['header-based', 'standard'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

export const SYNC_TRIGGERS = [
  'schedule',
  'manual',
  'rescan',
  'initial',
] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** Narrowing helper for the tuples above. */
export function isOneOf<T extends string>(
  values: readonly T[],
  value: unknown,
): value is T {
  return (
    typeof value === 'string' && (values as readonly string[]).includes(value)
  );
}
