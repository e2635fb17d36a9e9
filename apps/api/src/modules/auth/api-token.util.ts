import { createHash, randomBytes } from 'node:crypto';
import { API_TOKEN_PREFIX } from './auth.constants';

/** A new automation token: 256 random bits, recognisable by its prefix (for secret scanners). */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex, as ApiTokenRepository stores it: the token has full entropy, so no salt or slow hash is needed. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
