import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256 keys by version, and the version new ciphertexts use. The shape
 * matches AppConfig.encryption from @headersync/settings, but persistence
 * takes it as a plain value so tests and CLIs can build one.
 */
export interface KeyRing {
  readonly currentVersion: number;
  readonly keys: ReadonlyMap<number, Buffer>;
}

export interface EncryptedSecret {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly authTag: Buffer;
  readonly keyVersion: number;
}

export class SecretCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretCipherError';
  }
}

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
// NIST SP 800-38D §8.2: 96-bit IVs, random per encryption. With random IVs
// the bound is 2^32 encryptions per key, far beyond a credential table.
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Authenticated encryption of secrets at rest (AES-256-GCM). `aad` binds a
 * ciphertext to its owner (e.g. "graph-credential:<org>:<purpose>") so a
 * ciphertext copied into another row fails to decrypt.
 */
export class SecretCipher {
  constructor(private readonly keyRing: KeyRing) {
    if (!keyRing.keys.has(keyRing.currentVersion)) {
      throw new SecretCipherError(
        `Key ring has no key for its current version ${keyRing.currentVersion}`,
      );
    }
    for (const [version, key] of keyRing.keys) {
      if (key.length !== KEY_BYTES) {
        throw new SecretCipherError(
          `Key version ${version} is ${key.length} bytes; AES-256 needs ${KEY_BYTES}`,
        );
      }
    }
  }

  get currentVersion(): number {
    return this.keyRing.currentVersion;
  }

  encrypt(plaintext: string, aad: string): EncryptedSecret {
    const keyVersion = this.keyRing.currentVersion;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyFor(keyVersion), iv, {
      authTagLength: TAG_BYTES,
    });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([
      cipher.update(plaintext, 'utf8'),
      cipher.final(),
    ]);
    return { ciphertext, iv, authTag: cipher.getAuthTag(), keyVersion };
  }

  decrypt(secret: EncryptedSecret, aad: string): string {
    if (secret.iv.length !== IV_BYTES || secret.authTag.length !== TAG_BYTES) {
      throw new SecretCipherError(
        'Encrypted secret has a malformed IV or authentication tag',
      );
    }
    const decipher = createDecipheriv(
      ALGORITHM,
      this.keyFor(secret.keyVersion),
      secret.iv,
      {
        authTagLength: TAG_BYTES,
      },
    );
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(secret.authTag);
    try {
      return Buffer.concat([
        decipher.update(secret.ciphertext),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      // Node's message ("Unsupported state or unable to authenticate data")
      // says nothing useful; never include the ciphertext.
      throw new SecretCipherError(
        `Encrypted secret failed authentication (key version ${secret.keyVersion}): wrong key, owner or tampered data`,
      );
    }
  }

  /** True when the secret is not under the current key. */
  needsRotation(secret: Pick<EncryptedSecret, 'keyVersion'>): boolean {
    return secret.keyVersion !== this.keyRing.currentVersion;
  }

  /** Re-encrypts under the current key (new IV) after authenticating with the old one. */
  rotate(secret: EncryptedSecret, aad: string): EncryptedSecret {
    return this.encrypt(this.decrypt(secret, aad), aad);
  }

  private keyFor(version: number): Buffer {
    const key = this.keyRing.keys.get(version);
    if (!key)
      throw new SecretCipherError(
        `No encryption key with version ${version} is configured`,
      );
    return key;
  }
}
