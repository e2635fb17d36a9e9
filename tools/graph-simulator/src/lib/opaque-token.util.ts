import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Sealed, opaque continuation tokens ($skiptoken / $deltatoken): AES-256-GCM over
 * the JSON state, base64url. Clients cannot read or forge them (graph-facts: links
 * are opaque and must never be parsed), and a token from another simulator
 * process (another key) fails to open like an expired Graph sync state.
 */
export class OpaqueTokenCodec {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  seal(state: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([
      cipher.update(JSON.stringify(state), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  open<T>(token: string): T | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return undefined;
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.key,
        raw.subarray(0, 12),
      );
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([
        decipher.update(raw.subarray(28)),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }
}
