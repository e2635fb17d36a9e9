/** Tunables of the API that are not environment (tests shorten them). */
export interface ApiOptions {
  /** Sign-in attempts per client IP per minute. */
  readonly signInRateLimit: { readonly limit: number; readonly ttlMs: number };
  /** Classifier dry runs per client IP per minute. */
  readonly dryRunRateLimit: { readonly limit: number; readonly ttlMs: number };
  readonly lockout: {
    readonly maxFailures: number;
    readonly lockForMs: number;
  };
  /** scrypt cost (log2 N) of new password hashes. */
  readonly passwordLogN: number;
  /** JSON request bodies above this many bytes get 413. */
  readonly jsonBodyLimitBytes: number;
  /** CSV imports above this many bytes get 413. */
  readonly csvBodyLimitBytes: number;
}

export const API_OPTIONS = Symbol('API_OPTIONS');

export const DEFAULT_API_OPTIONS: ApiOptions = {
  signInRateLimit: { limit: 10, ttlMs: 60_000 },
  dryRunRateLimit: { limit: 60, ttlMs: 60_000 },
  // OWASP Authentication Cheat Sheet: lock after a few failures, for a while.
  lockout: { maxFailures: 5, lockForMs: 15 * 60_000 },
  passwordLogN: 17,
  jsonBodyLimitBytes: 1024 * 1024,
  csvBodyLimitBytes: 200 * 1024 * 1024,
};
