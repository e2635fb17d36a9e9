export const SESSION_COOKIE = 'hs_session';
export const CSRF_COOKIE = 'hs_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** Binds a Microsoft sign-in's state to the browser that started it (login CSRF, RFC 6749 §10.12). */
export const OIDC_STATE_COOKIE = 'hs_oidc';
export const API_TOKEN_PREFIX = 'hst_';
/** Absolute session lifetime (OWASP Session Management: bound every session). */
export const SESSION_TTL_SECONDS = 8 * 60 * 60;
export const IS_PUBLIC = 'headersync:public';
export const ROLES = 'headersync:roles';
/** RFC 9110 §9.2.1 safe methods: everything else needs the CSRF token. */
export const SAFE_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
]);
