import {
  constants,
  createPublicKey,
  createSign,
  createVerify,
  verify,
  type KeyObject,
} from 'node:crypto';

// Compact JWS with RS256 (RFC 7515, RFC 7518 3.3), enough for Entra ID style
// access tokens and for MSAL's client assertions.

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  privateKey: KeyObject | string,
): string {
  const h = Buffer.from(JSON.stringify({ ...header, alg: 'RS256' })).toString(
    'base64url',
  );
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const signer = createSign('RSA-SHA256');
  signer.update(`${h}.${p}`);
  return `${h}.${p}.${signer.sign(privateKey).toString('base64url')}`;
}

/** Parses without verifying; undefined when it is not a well-formed compact JWS. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(
      Buffer.from(h, 'base64url').toString('utf8'),
    );
    const payload: unknown = JSON.parse(
      Buffer.from(p, 'base64url').toString('utf8'),
    );
    if (!isRecord(header) || !isRecord(payload)) return undefined;
    return {
      header,
      payload,
      signingInput: `${h}.${p}`,
      signature: Buffer.from(s, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

export function verifyRs256(
  jwt: DecodedJwt,
  publicKey: KeyObject | string,
): boolean {
  if (jwt.header['alg'] !== 'RS256') return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(jwt.signingInput);
  try {
    return verifier.verify(
      typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey,
      jwt.signature,
    );
  } catch {
    return false;
  }
}

/**
 * Client assertions: MSAL signs RS256 with a SHA-1 thumbprint (x5t) and PS256
 * (RFC 7518 3.5, RSASSA-PSS) with a SHA-256 thumbprint (x5t#S256).
 */
export function verifyAssertionSignature(
  jwt: DecodedJwt,
  publicKey: KeyObject,
): boolean {
  if (jwt.header['alg'] === 'RS256') return verifyRs256(jwt, publicKey);
  if (jwt.header['alg'] !== 'PS256') return false;
  try {
    return verify(
      'sha256',
      Buffer.from(jwt.signingInput),
      {
        key: publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: constants.RSA_PSS_SALTLEN_AUTO,
      },
      jwt.signature,
    );
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
