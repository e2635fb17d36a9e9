import {
  DeltaExpiredError,
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphIntegrationError,
  GraphRequestFailedError,
  GraphThrottledError,
  GraphTransientError,
  MailboxUnavailableError,
} from './graph.error.js';
import {
  isMailboxGoneCode,
  mapGraphFailure,
} from './map-graph-failure.util.js';

describe('mapGraphFailure', () => {
  it.each([
    'SyncStateNotFound',
    'syncStateNotFound',
    'resyncRequired',
    'SyncStateInvalid',
    'SYNCSTATENOTFOUND',
  ])(
    'maps 410 %s to DeltaExpiredError (codes compared case-insensitively)',
    (code) => {
      const error = mapGraphFailure({ operation: 'delta', status: 410, code });
      expect(error).toBeInstanceOf(DeltaExpiredError);
      expect((error as DeltaExpiredError).reason).toBe('sync-state-invalid');
    },
  );

  it('maps a bare 410 (no code, maybe a Location header) to DeltaExpiredError', () => {
    expect(mapGraphFailure({ operation: 'delta', status: 410 })).toBeInstanceOf(
      DeltaExpiredError,
    );
  });

  it('maps ErrorSyncFolderNotFound to DeltaExpiredError with reason folder-not-found', () => {
    const error = mapGraphFailure({
      operation: 'delta',
      status: 404,
      code: 'ErrorSyncFolderNotFound',
    });
    expect(error).toBeInstanceOf(DeltaExpiredError);
    expect((error as DeltaExpiredError).reason).toBe('folder-not-found');
  });

  it('maps throttling, auth, access and mailbox failures to their own classes', () => {
    expect(
      mapGraphFailure({
        operation: 'delta',
        status: 429,
        code: 'TooManyRequests',
        retryAfterMs: 10_000,
      }),
    ).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 10_000,
      retryable: true,
    });
    expect(
      mapGraphFailure({
        operation: 'delta',
        status: 401,
        code: 'InvalidAuthenticationToken',
      }),
    ).toBeInstanceOf(GraphAuthenticationError);
    expect(
      mapGraphFailure({
        operation: 'delta',
        status: 403,
        code: 'ErrorAccessDenied',
      }),
    ).toBeInstanceOf(GraphAccessDeniedError);
    expect(
      mapGraphFailure({
        operation: 'delta',
        status: 403,
        code: 'Authorization_RequestDenied',
      }),
    ).toBeInstanceOf(GraphAccessDeniedError);
    expect(
      mapGraphFailure({
        operation: 'delta',
        status: 404,
        code: 'MailboxNotEnabledForRESTAPI',
      }),
    ).toBeInstanceOf(MailboxUnavailableError);
  });

  it('maps 5xx and network failures to GraphTransientError, 503 with Retry-After to throttled', () => {
    expect(mapGraphFailure({ operation: 'batch', status: 500 })).toBeInstanceOf(
      GraphTransientError,
    );
    expect(mapGraphFailure({ operation: 'batch', status: 504 })).toBeInstanceOf(
      GraphTransientError,
    );
    expect(
      mapGraphFailure({ operation: 'batch', status: 0, reason: 'ECONNRESET' }),
    ).toBeInstanceOf(GraphTransientError);
    expect(
      mapGraphFailure({ operation: 'batch', status: 503, retryAfterMs: 1000 }),
    ).toBeInstanceOf(GraphThrottledError);
  });

  it('maps other 4xx to GraphRequestFailedError, not retryable', () => {
    const error = mapGraphFailure({
      operation: 'batch',
      status: 400,
      code: 'BadRequest',
    });
    expect(error).toBeInstanceOf(GraphRequestFailedError);
    expect(error.retryable).toBe(false);
  });

  it('gives every error the shared base class and a message of operation, status and code only', () => {
    const error = mapGraphFailure({
      operation: 'message-fetch',
      status: 403,
      code: 'ErrorAccessDenied',
      requestId: 'r-1',
    });
    expect(error).toBeInstanceOf(GraphIntegrationError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('GraphAccessDeniedError');
    expect(error.message).toBe(
      'Graph denied access (operation=message-fetch, status=403, code=ErrorAccessDenied)',
    );
    expect(error.requestId).toBe('r-1');
  });
});

describe('isMailboxGoneCode', () => {
  it('tells a gone mailbox from a gone message', () => {
    expect(isMailboxGoneCode('MailboxNotEnabledForRESTAPI')).toBe(true);
    expect(isMailboxGoneCode('mailboxnotenabledforrestapi')).toBe(true);
    expect(isMailboxGoneCode('ErrorItemNotFound')).toBe(false);
    expect(isMailboxGoneCode(undefined)).toBe(false);
  });
});
