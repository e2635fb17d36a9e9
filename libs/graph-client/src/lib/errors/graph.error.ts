// Typed failures the sync worker acts on. Every message is built from the
// operation name, the HTTP status and Graph's error *code* only: never from a
// URL (it can carry mailbox addresses and delta tokens), a Graph error message
// (free text), a token, a secret or any message content. Callers may log
// these errors as they are.

export type GraphOperation =
  | 'token'
  | 'users'
  | 'user'
  | 'mail-folder'
  | 'delta'
  | 'message-headers'
  | 'message-fetch'
  | 'message-mime'
  | 'batch';

export interface GraphErrorDetails {
  operation: GraphOperation;
  /** HTTP status of the failed response (0 when no response arrived). */
  status?: number;
  /** Graph's `error.code` (for example `ErrorAccessDenied`), or MSAL's errorCode. */
  code?: string;
  /** Graph's `request-id`, for support cases. */
  requestId?: string;
  /** The mailbox (user id or principal name) the request was about. */
  mailbox?: string;
}

/** One shared base class, so callers can `instanceof` any Graph failure. */
export abstract class GraphIntegrationError extends Error {
  abstract readonly kind:
    | 'throttled'
    | 'transient'
    | 'delta-expired'
    | 'mailbox-unavailable'
    | 'access-denied'
    | 'authentication-failed'
    | 'request-failed';
  readonly operation: GraphOperation;
  readonly status: number;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly mailbox: string | undefined;
  /** Whether the same request may succeed later without any change. */
  abstract readonly retryable: boolean;

  protected constructor(summary: string, details: GraphErrorDetails) {
    super(
      `${summary} (operation=${details.operation}, status=${details.status ?? 0}` +
        `${details.code ? `, code=${details.code}` : ''})`,
    );
    this.name = new.target.name;
    this.operation = details.operation;
    this.status = details.status ?? 0;
    this.code = details.code;
    this.requestId = details.requestId;
    this.mailbox = details.mailbox;
  }
}

/** 429 (or 503 with Retry-After) still refused after our retries. */
export class GraphThrottledError extends GraphIntegrationError {
  readonly kind = 'throttled' as const;
  readonly retryable = true;
  /** How long Graph asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined;

  constructor(details: GraphErrorDetails & { retryAfterMs?: number }) {
    super('Graph throttled the request', details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx, timeouts, connection resets, unparseable bodies: try again later. */
export class GraphTransientError extends GraphIntegrationError {
  readonly kind = 'transient' as const;
  readonly retryable = true;
  /** Low-level cause class (`ECONNRESET`, `timeout`, `malformed-json`...). */
  readonly reason: string | undefined;

  constructor(details: GraphErrorDetails & { reason?: string }) {
    super('Graph request failed transiently', details);
    this.reason = details.reason;
  }
}

/**
 * The delta token is no longer valid (410 Gone with SyncStateNotFound and
 * friends) or the folder is gone (ErrorSyncFolderNotFound): the worker must
 * restart the folder's delta from scratch.
 * https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset
 */
export class DeltaExpiredError extends GraphIntegrationError {
  readonly kind = 'delta-expired' as const;
  readonly retryable = false;
  readonly reason: 'sync-state-invalid' | 'folder-not-found';

  constructor(
    details: GraphErrorDetails & {
      reason: 'sync-state-invalid' | 'folder-not-found';
    },
  ) {
    super('Graph delta state expired; restart the folder', details);
    this.reason = details.reason;
  }
}

/** The mailbox was deleted, disabled or is not enabled for REST (404). */
export class MailboxUnavailableError extends GraphIntegrationError {
  readonly kind = 'mailbox-unavailable' as const;
  readonly retryable = false;

  constructor(details: GraphErrorDetails) {
    super('Mailbox not found or disabled', details);
  }
}

/** 403: consent revoked, application access policy, or a too-small permission. */
export class GraphAccessDeniedError extends GraphIntegrationError {
  readonly kind = 'access-denied' as const;
  readonly retryable = false;

  constructor(details: GraphErrorDetails) {
    super('Graph denied access', details);
  }
}

/** Sign-in failed (bad secret or certificate, unknown app) or Graph kept answering 401. */
export class GraphAuthenticationError extends GraphIntegrationError {
  readonly kind = 'authentication-failed' as const;
  readonly retryable = false;

  constructor(details: GraphErrorDetails) {
    super('Authentication with Microsoft Entra ID / Graph failed', details);
  }
}

/** Any other refusal (400, 405, 409...): a bug or an unsupported request. */
export class GraphRequestFailedError extends GraphIntegrationError {
  readonly kind = 'request-failed' as const;
  readonly retryable = false;

  constructor(details: GraphErrorDetails) {
    super('Graph refused the request', details);
  }
}
