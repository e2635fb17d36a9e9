import {
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphThrottledError,
  GraphTransientError,
  MailboxUnavailableError,
} from '@headersync/graph-client';
import { syncRetryDelayMs } from './sync-backoff.util';
import {
  classifySyncFailure,
  MAILBOX_ERROR_REASONS,
  MissingGraphCredentialError,
  RetryableSyncError,
  safeErrorMessage,
} from './sync-failure.util';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  RETRY_AFTER_MAX_MS,
} from './sync.constants';

describe('classifySyncFailure', () => {
  it.each([
    [
      new MailboxUnavailableError({ operation: 'delta', status: 404 }),
      MAILBOX_ERROR_REASONS.mailboxUnavailable,
    ],
    [
      new GraphAccessDeniedError({ operation: 'delta', status: 403 }),
      MAILBOX_ERROR_REASONS.accessDenied,
    ],
    [
      new GraphAuthenticationError({ operation: 'token', status: 401 }),
      MAILBOX_ERROR_REASONS.authenticationFailed,
    ],
    [
      new MissingGraphCredentialError(),
      MAILBOX_ERROR_REASONS.missingCredential,
    ],
  ])(
    'stops the mailbox with a reason a person can act on: %p',
    (error, reason) => {
      expect(classifySyncFailure(error)).toEqual({
        kind: 'mark-error',
        reason,
      });
    },
  );

  it('retries throttling after the Retry-After Graph gave', () => {
    expect(
      classifySyncFailure(
        new GraphThrottledError({
          operation: 'batch',
          status: 429,
          retryAfterMs: 240_000,
        }),
      ),
    ).toMatchObject({ kind: 'retry', retryAfterMs: 240_000 });
  });

  it('retries transient and unknown errors with backoff', () => {
    expect(
      classifySyncFailure(
        new GraphTransientError({ operation: 'delta', status: 503 }),
      ),
    ).toMatchObject({ kind: 'retry' });
    expect(classifySyncFailure(new TypeError('x'))).toEqual({
      kind: 'retry',
      message: 'TypeError',
    });
  });
});

describe('safeErrorMessage', () => {
  it('keeps our own messages and reduces foreign ones to their class and code', () => {
    expect(safeErrorMessage(new RetryableSyncError('2 items failing'))).toBe(
      '2 items failing',
    );
    // A driver error quoting a value must not reach Redis or the logs.
    const driver = Object.assign(
      new Error('invalid input syntax for type uuid: "someone@example.com"'),
      { name: 'QueryFailedError', code: '22P02' },
    );
    expect(safeErrorMessage(driver)).toBe('QueryFailedError (code=22P02)');
    expect(safeErrorMessage('text')).toBe('string');
  });
});

describe('syncRetryDelayMs', () => {
  it('waits what Graph asked, capped', () => {
    expect(syncRetryDelayMs(1, { retryAfterMs: 240_000 })).toBe(240_000);
    expect(syncRetryDelayMs(1, { retryAfterMs: 10 ** 9 })).toBe(
      RETRY_AFTER_MAX_MS,
    );
  });

  it('otherwise backs off exponentially with jitter, within the cap', () => {
    expect(syncRetryDelayMs(1, new Error('x'), () => 0)).toBe(
      BACKOFF_BASE_MS / 2,
    );
    expect(syncRetryDelayMs(3, new Error('x'), () => 1)).toBe(
      BACKOFF_BASE_MS * 4,
    );
    expect(syncRetryDelayMs(30, new Error('x'), () => 1)).toBe(BACKOFF_MAX_MS);
  });
});
