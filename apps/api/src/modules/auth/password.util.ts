import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt (RFC 7914) in PHC string format: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>.
// OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 as the minimum.
export const DEFAULT_SCRYPT_LOG_N = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_BYTES,
      // 128 * N * r bytes are needed; leave headroom.
      { N, r, p, maxmem: 256 * N * r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(
  password: string,
  logN = DEFAULT_SCRYPT_LOG_N,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, logN, R, P);
  return `$scrypt$ln=${logN},r=${R},p=${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([\w-]+)\$([\w-]+)$/;

/** Constant-time check of a password against a PHC scrypt hash; false for any malformed hash. */
export async function verifyPassword(
  password: string,
  hash: string,
): Promise<boolean> {
  const match = PHC.exec(hash);
  if (!match) return false;
  const [, ln, r, p, salt, expected] = match;
  const logN = Number(ln);
  if (logN < 10 || logN > 20) return false;
  const expectedKey = Buffer.from(expected ?? '', 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt ?? '', 'base64url'),
    logN,
    Number(r),
    Number(p),
  );
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}
