import { hashPassword, verifyPassword } from './password.util';

describe('scrypt password hashes', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const hash = await hashPassword('correct horse battery staple', 12);
    expect(hash).toMatch(/^\$scrypt\$ln=12,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);
    await expect(
      verifyPassword('correct horse battery staple', hash),
    ).resolves.toBe(true);
    await expect(
      verifyPassword('Correct horse battery staple', hash),
    ).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([
      hashPassword('same', 10),
      hashPassword('same', 10),
    ]);
    expect(a).not.toBe(b);
  });

  it('refuses malformed or out-of-range hashes instead of throwing', async () => {
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
    await expect(
      verifyPassword('x', '$scrypt$ln=30,r=8,p=1$AAAA$AAAA'),
    ).resolves.toBe(false);
  });
});
