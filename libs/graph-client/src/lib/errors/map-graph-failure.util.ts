import type {
  GraphErrorDetails,
  GraphIntegrationError,
} from './graph.error.js';
import {
  DeltaExpiredError,
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphRequestFailedError,
  GraphThrottledError,
  GraphTransientError,
  MailboxUnavailableError,
} from './graph.error.js';

// Codes Graph uses for an invalid delta token. The docs spell them with
// varying case, so they are compared lower-cased.
// https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset
const SYNC_STATE_CODES = new Set(
  ['SyncStateNotFound', 'resyncRequired', 'SyncStateInvalid'].map((c) =>
    c.toLowerCase(),
  ),
);
const SYNC_FOLDER_GONE = 'errorsyncfoldernotfound';

// 404 codes that mean the mailbox itself is gone or not reachable over REST
// (https://learn.microsoft.com/graph/api/resources/mailfolder: "MailboxNotEnabledForRESTAPI";
// Entra ID answers Request_ResourceNotFound for an unknown user). ErrorItemNotFound
// is left out on purpose: on a message GET it means that one message is gone.
const MAILBOX_GONE_CODES = new Set(
  [
    'MailboxNotEnabledForRESTAPI',
    'MailboxNotFound',
    'ErrorInvalidUser',
    'ErrorNonExistentMailbox',
    'ResourceNotFound',
    'Request_ResourceNotFound',
    'ErrorMailboxStoreUnavailable',
  ].map((c) => c.toLowerCase()),
);

export interface GraphFailure extends GraphErrorDetails {
  status: number;
  retryAfterMs?: number;
  /** Low-level reason for status 0 (network) failures. */
  reason?: string;
}

export function isSyncStateCode(code: string | undefined): boolean {
  return code !== undefined && SYNC_STATE_CODES.has(code.toLowerCase());
}

export function isSyncFolderGoneCode(code: string | undefined): boolean {
  return code !== undefined && code.toLowerCase() === SYNC_FOLDER_GONE;
}

/** True for an error code that says the mailbox (not an item in it) is gone. */
export function isMailboxGoneCode(code: string | undefined): boolean {
  return code !== undefined && MAILBOX_GONE_CODES.has(code.toLowerCase());
}

/** Maps a failed Graph answer to the typed error the worker acts on. */
export function mapGraphFailure(failure: GraphFailure): GraphIntegrationError {
  const { status, code } = failure;
  if (isSyncFolderGoneCode(code)) {
    return new DeltaExpiredError({ ...failure, reason: 'folder-not-found' });
  }
  if (
    status === 410 ||
    (failure.operation === 'delta' && isSyncStateCode(code))
  ) {
    return new DeltaExpiredError({ ...failure, reason: 'sync-state-invalid' });
  }
  if (status === 429) return new GraphThrottledError(failure);
  if (status === 401) return new GraphAuthenticationError(failure);
  if (status === 403) return new GraphAccessDeniedError(failure);
  if (status === 404) return new MailboxUnavailableError(failure);
  if (status === 0 || status === 408 || status >= 500) {
    if (status === 503 && failure.retryAfterMs !== undefined) {
      return new GraphThrottledError(failure);
    }
    return new GraphTransientError(failure);
  }
  return new GraphRequestFailedError(failure);
}
