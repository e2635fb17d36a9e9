import { randomBytes } from 'node:crypto';
import {
  SecretCipher,
  SecretCipherError,
  type KeyRing,
} from './secret-cipher.js';

const KEY_1 = randomBytes(32);
const KEY_2 = randomBytes(32);
const AAD = 'graph-credential:org-1:full';
const SECRET = 'Xy8Q~client-secret-value';

function ring(currentVersion: number, keys: [number, Buffer][]): KeyRing {
  return { currentVersion, keys: new Map(keys) };
}

describe('SecretCipher (AES-256-GCM)', () => {
  const cipher = new SecretCipher(ring(1, [[1, KEY_1]]));

  it('round-trips a secret and never puts it in clear in the ciphertext', () => {
    const encrypted = cipher.encrypt(SECRET, AAD);
    expect(encrypted.keyVersion).toBe(1);
    expect(encrypted.iv).toHaveLength(12);
    expect(encrypted.authTag).toHaveLength(16);
    expect(encrypted.ciphertext.includes(Buffer.from(SECRET))).toBe(false);
    expect(cipher.decrypt(encrypted, AAD)).toBe(SECRET);
  });

  it('uses a fresh IV per encryption (NIST SP 800-38D §8.2)', () => {
    const a = cipher.encrypt(SECRET, AAD);
    const b = cipher.encrypt(SECRET, AAD);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const encrypted = cipher.encrypt(SECRET, AAD);
    const flipped = Buffer.from(encrypted.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() =>
      cipher.decrypt({ ...encrypted, ciphertext: flipped }, AAD),
    ).toThrow(SecretCipherError);
    const tag = Buffer.from(encrypted.authTag);
    tag[0] = (tag[0] ?? 0) ^ 1;
    expect(() => cipher.decrypt({ ...encrypted, authTag: tag }, AAD)).toThrow(
      SecretCipherError,
    );
    expect(() =>
      cipher.decrypt({ ...encrypted, iv: Buffer.alloc(8) }, AAD),
    ).toThrow(SecretCipherError);
  });

  it('refuses a ciphertext moved to another owner (AAD mismatch)', () => {
    const encrypted = cipher.encrypt(SECRET, AAD);
    expect(() =>
      cipher.decrypt(encrypted, 'graph-credential:org-2:full'),
    ).toThrow(SecretCipherError);
  });

  it('does not echo the secret or ciphertext in its errors', () => {
    const encrypted = cipher.encrypt(SECRET, AAD);
    try {
      cipher.decrypt(encrypted, 'other');
      throw new Error('expected a failure');
    } catch (error) {
      expect(String(error)).not.toContain(SECRET);
      expect(String(error)).not.toContain(encrypted.ciphertext.toString('hex'));
    }
  });

  it('rotates to the current key and still decrypts old ciphertexts before rotation', () => {
    const old = cipher.encrypt(SECRET, AAD);
    const rotating = new SecretCipher(
      ring(2, [
        [1, KEY_1],
        [2, KEY_2],
      ]),
    );
    expect(rotating.needsRotation(old)).toBe(true);
    expect(rotating.decrypt(old, AAD)).toBe(SECRET);
    const rotated = rotating.rotate(old, AAD);
    expect(rotated.keyVersion).toBe(2);
    expect(rotating.needsRotation(rotated)).toBe(false);
    // After the old key is retired, only the rotated ciphertext opens.
    const retired = new SecretCipher(ring(2, [[2, KEY_2]]));
    expect(retired.decrypt(rotated, AAD)).toBe(SECRET);
    expect(() => retired.decrypt(old, AAD)).toThrow(
      /No encryption key with version 1/,
    );
  });

  it('rejects a key ring without its current key or with a short key', () => {
    expect(() => new SecretCipher(ring(2, [[1, KEY_1]]))).toThrow(
      /current version 2/,
    );
    expect(() => new SecretCipher(ring(1, [[1, randomBytes(16)]]))).toThrow(
      /AES-256 needs 32/,
    );
  });
});
