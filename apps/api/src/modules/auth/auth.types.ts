import type { UserRole } from '@headersync/domain-model';

/** Who is calling, resolved once per request by AuthGuard. */
export interface Principal {
  readonly userId: string;
  readonly orgId: string;
  readonly email: string;
  readonly role: UserRole;
  readonly via: 'session' | 'api-token';
  /** The session's id hash when `via` is "session" (to sign out). */
  readonly sessionKey?: string;
  /** The session's CSRF token (sessions only), handed back by GET /auth/session. */
  readonly csrfToken?: string;
}

export interface SessionRecord {
  readonly userId: string;
  readonly orgId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
}
