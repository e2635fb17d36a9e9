import { randomBytes } from 'node:crypto';
import {
  SecretCipher,
  SecretCipherError,
  type KeyRing,
} from '../crypto/secret-cipher.js';
import { createOrganization } from '../../testing/factories.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database.js';
import { GraphCredentialRepository } from './graph-credential.repository.js';

const KEY_1 = randomBytes(32);
const KEY_2 = randomBytes(32);
const ring = (current: number, keys: [number, Buffer][]): KeyRing => ({
  currentVersion: current,
  keys: new Map(keys),
});

// A distinctive secret, so a search of the raw row cannot match by chance.
const SECRET = `client-secret-${randomBytes(12).toString('hex')}`;

/** Every column of every graph_credential row as text, as pg_dump would print it (bytea in hex). */
async function rawCredentialDump(db: TestDatabase): Promise<string> {
  const rows = await db.dataSource.query<{ row: string }[]>(
    `SELECT row_to_json(c)::text AS row FROM "graph_credential" c`,
  );
  return rows.map((r) => r.row).join('\n');
}

describe('GraphCredentialRepository (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('stores the secret encrypted: the raw row holds no clear text, and it decrypts back', async () => {
    const org = await createOrganization(db.dataSource);
    const repo = new GraphCredentialRepository(
      db.dataSource,
      new SecretCipher(ring(1, [[1, KEY_1]])),
    );
    const info = await repo.save({
      orgId: org.id,
      purpose: 'full',
      tenantId: 'tenant-1',
      clientId: 'client-1',
      kind: 'secret',
      secret: SECRET,
    });
    expect(info).not.toHaveProperty('secret');
    expect(JSON.stringify(await repo.list(org.id))).not.toContain(SECRET);

    const dump = await rawCredentialDump(db);
    expect(dump).toContain('tenant-1');
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(Buffer.from(SECRET).toString('hex'));
    expect(dump).not.toContain(Buffer.from(SECRET).toString('base64'));
    // And no text column anywhere in the database holds it either.
    const anywhere = await db.dataSource.query<unknown[]>(
      `SELECT 1 FROM "graph_credential" c WHERE position($1 in c::text) > 0
          OR position(convert_to($1, 'UTF8') in c."secret_ciphertext") > 0`,
      [SECRET],
    );
    expect(anywhere).toEqual([]);

    expect((await repo.getDecrypted(org.id, 'full'))?.secret).toBe(SECRET);
  });

  it('survives key rotation: re-encrypts under the new key, and the old key can then be retired', async () => {
    const org = await createOrganization(db.dataSource);
    const before = new GraphCredentialRepository(
      db.dataSource,
      new SecretCipher(ring(1, [[1, KEY_1]])),
    );
    await before.save({
      orgId: org.id,
      purpose: 'header',
      tenantId: 't',
      clientId: 'c',
      kind: 'secret',
      secret: SECRET,
    });
    const rawBefore = await db.dataSource.query<
      { secret_ciphertext: Buffer }[]
    >(
      `SELECT "secret_ciphertext" FROM "graph_credential" WHERE "org_id" = $1`,
      [org.id],
    );

    const rotating = new GraphCredentialRepository(
      db.dataSource,
      new SecretCipher(
        ring(2, [
          [1, KEY_1],
          [2, KEY_2],
        ]),
      ),
    );
    expect((await rotating.getDecrypted(org.id, 'header'))?.secret).toBe(
      SECRET,
    );
    expect(await rotating.reencryptAll()).toBeGreaterThanOrEqual(1);
    expect(await rotating.reencryptAll()).toBe(0);

    const rawAfter = await db.dataSource.query<
      {
        secret_ciphertext: Buffer;
        key_version: number;
        rotated_at: Date | null;
      }[]
    >(
      `SELECT "secret_ciphertext", "key_version", "rotated_at" FROM "graph_credential" WHERE "org_id" = $1`,
      [org.id],
    );
    expect(rawAfter[0]?.key_version).toBe(2);
    expect(rawAfter[0]?.rotated_at).toBeInstanceOf(Date);
    expect(
      rawAfter[0]?.secret_ciphertext.equals(
        rawBefore[0]?.secret_ciphertext ?? Buffer.alloc(0),
      ),
    ).toBe(false);

    const retired = new GraphCredentialRepository(
      db.dataSource,
      new SecretCipher(ring(2, [[2, KEY_2]])),
    );
    expect((await retired.getDecrypted(org.id, 'header'))?.secret).toBe(SECRET);
    expect((await retired.list(org.id))[0]?.keyVersion).toBe(2);
  });

  it('refuses a ciphertext copied into another org (bound by AAD)', async () => {
    const cipher = new SecretCipher(ring(1, [[1, KEY_1]]));
    const repo = new GraphCredentialRepository(db.dataSource, cipher);
    const victim = await createOrganization(db.dataSource);
    const attacker = await createOrganization(db.dataSource);
    await repo.save({
      orgId: victim.id,
      purpose: 'full',
      tenantId: 't',
      clientId: 'c',
      kind: 'secret',
      secret: SECRET,
    });
    await repo.save({
      orgId: attacker.id,
      purpose: 'full',
      tenantId: 't',
      clientId: 'c',
      kind: 'secret',
      secret: 'mine',
    });
    await db.dataSource.query(
      `UPDATE "graph_credential" a SET "secret_ciphertext" = v."secret_ciphertext", "secret_iv" = v."secret_iv",
         "secret_auth_tag" = v."secret_auth_tag"
       FROM "graph_credential" v WHERE a."org_id" = $1 AND v."org_id" = $2 AND a."purpose" = 'full' AND v."purpose" = 'full'`,
      [attacker.id, victim.id],
    );
    await expect(repo.getDecrypted(attacker.id, 'full')).rejects.toBeInstanceOf(
      SecretCipherError,
    );
  });

  it('keeps one credential per org and purpose', async () => {
    const org = await createOrganization(db.dataSource);
    const repo = new GraphCredentialRepository(
      db.dataSource,
      new SecretCipher(ring(1, [[1, KEY_1]])),
    );
    await repo.save({
      orgId: org.id,
      purpose: 'full',
      tenantId: 't',
      clientId: 'c1',
      kind: 'secret',
      secret: 'a',
    });
    const replaced = await repo.save({
      orgId: org.id,
      purpose: 'full',
      tenantId: 't',
      clientId: 'c2',
      kind: 'secret',
      secret: 'b',
    });
    expect(replaced.rotatedAt).toBeInstanceOf(Date);
    expect(await repo.list(org.id)).toHaveLength(1);
    expect((await repo.getDecrypted(org.id, 'full'))?.secret).toBe('b');
    await expect(
      db.dataSource.query(
        `INSERT INTO "graph_credential" ("org_id", "purpose", "tenant_id", "client_id", "kind", "secret_ciphertext",
           "secret_iv", "secret_auth_tag", "key_version") VALUES ($1, 'full', 't', 'c', 'secret', '\\x00', $2, $3, 1)`,
        [org.id, Buffer.alloc(12), Buffer.alloc(16)],
      ),
    ).rejects.toMatchObject({ constraint: 'uq_graph_credential_org_purpose' });
  });
});
