import {
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphIntegrationError,
  GraphThrottledError,
  MailboxUnavailableError,
} from '@headersync/graph-client';

/** The org has no app registration the worker could sign in with. */
export class MissingGraphCredentialError extends Error {
  constructor() {
    super('No Microsoft Graph credentials are configured for the organisation');
    this.name = 'MissingGraphCredentialError';
  }
}

/**
 * This process no longer holds the mailbox's Bull job lock (Redis was
 * unreachable longer than the lock lives, or the event loop stalled): another
 * process may own the mailbox now, so this one stops talking to Graph for it.
 */
export class JobLockLostError extends Error {
  constructor() {
    super(
      'The mailbox-sync job lock was lost; another worker took the mailbox over',
    );
    this.name = 'JobLockLostError';
  }
}

/** Thrown to Bull so it retries the job: carries only a message that is safe to keep in Redis. */
export class RetryableSyncError extends Error {
  constructor(
    message: string,
    /** How long Graph asked us to wait (a 429's Retry-After), when known. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableSyncError';
  }
}

export type SyncFailureAction =
  /** Another attempt may succeed without anyone doing anything. */
  | {
      readonly kind: 'retry';
      readonly message: string;
      readonly retryAfterMs?: number;
    }
  /** Needs a person: mark the mailbox `error` with this reason and stop retrying it. */
  | { readonly kind: 'mark-error'; readonly reason: string };

// Reasons are written for the admin who reads them on the mailbox page: what
// happened and what to do. They are built from our typed errors only, never
// from a Graph payload, so no message data can reach them.
export const MAILBOX_ERROR_REASONS = {
  mailboxUnavailable:
    'The mailbox was not found or is disabled in Microsoft 365 (deleted, disabled, or not enabled for Graph). Re-enable it in Microsoft 365, then resume it here, or remove it from Headersync.',
  accessDenied:
    'Microsoft 365 denied access to this mailbox: admin consent was revoked or an application access policy excludes it. Ask a tenant administrator to grant consent again, then resume the mailbox.',
  authenticationFailed:
    'Headersync could not sign in to Microsoft Entra ID with the configured app registration (secret or certificate expired or wrong, or the app was deleted). Update the Microsoft 365 credentials, then resume the mailbox.',
  missingCredential:
    'No Microsoft 365 app credentials are configured for this organisation. Add them in the settings, then resume the mailbox.',
} as const;

/**
 * A message about an error that is safe to store (SyncRun.error, Bull's
 * failedReason in Redis) and to log: our typed Graph errors are built from
 * operation, status and Graph error code only; anything else is reduced to
 * its class name, since driver messages can quote values.
 */
export function safeErrorMessage(error: unknown): string {
  if (error instanceof GraphIntegrationError) return error.message;
  if (error instanceof RetryableSyncError) return error.message;
  if (error instanceof MissingGraphCredentialError) return error.message;
  if (error instanceof JobLockLostError) return error.message;
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,32}$/.test(code)
    ? `${name} (code=${code})`
    : name;
}

/** What to do about an error that ended a mailbox's sync attempt. */
export function classifySyncFailure(error: unknown): SyncFailureAction {
  if (error instanceof MailboxUnavailableError)
    return {
      kind: 'mark-error',
      reason: MAILBOX_ERROR_REASONS.mailboxUnavailable,
    };
  if (error instanceof GraphAccessDeniedError)
    return { kind: 'mark-error', reason: MAILBOX_ERROR_REASONS.accessDenied };
  if (error instanceof GraphAuthenticationError)
    return {
      kind: 'mark-error',
      reason: MAILBOX_ERROR_REASONS.authenticationFailed,
    };
  if (error instanceof MissingGraphCredentialError)
    return {
      kind: 'mark-error',
      reason: MAILBOX_ERROR_REASONS.missingCredential,
    };
  const message = safeErrorMessage(error);
  if (error instanceof GraphThrottledError && error.retryAfterMs !== undefined)
    return { kind: 'retry', message, retryAfterMs: error.retryAfterMs };
  if (error instanceof RetryableSyncError && error.retryAfterMs !== undefined)
    return { kind: 'retry', message, retryAfterMs: error.retryAfterMs };
  // Throttling, 5xx, resets, malformed bodies, database hiccups, and Graph
  // refusals we do not expect (a 400 is a bug on our side, but retrying with
  // backoff then failing the run keeps other mailboxes going).
  return { kind: 'retry', message };
}
