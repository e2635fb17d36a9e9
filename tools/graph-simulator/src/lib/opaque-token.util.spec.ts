import { OpaqueTokenCodec } from './opaque-token.util.js';

describe('OpaqueTokenCodec', () => {
  it('round-trips a state through an opaque base64url token', () => {
    const codec = new OpaqueTokenCodec();
    const token = codec.seal({ u: 'user', c: 42 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).not.toContain('user');
    expect(codec.open(token)).toEqual({ u: 'user', c: 42 });
  });

  it('refuses a token that was tampered with', () => {
    const codec = new OpaqueTokenCodec();
    const token = codec.seal({ c: 1 });
    const flipped =
      token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    expect(codec.open(flipped)).toBeUndefined();
  });

  it('refuses a token sealed by another simulator process (another key)', () => {
    expect(
      new OpaqueTokenCodec().open(new OpaqueTokenCodec().seal({ c: 1 })),
    ).toBeUndefined();
    expect(new OpaqueTokenCodec().open('not-a-token')).toBeUndefined();
  });
});
