import { createHash, randomBytes } from 'node:crypto';
import { createOrganization } from '../../testing/factories.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database.js';
import { MailboxRepository } from './mailbox.repository.js';
import { ApiTokenRepository, UserRepository } from './user.repository.js';

describe('mailboxes, users and API tokens (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('keeps one mailbox per org and user principal name, case-insensitively', async () => {
    const org = await createOrganization(db.dataSource);
    const repo = new MailboxRepository(db.dataSource);
    const mailbox = await repo.create(org.id, 'Rep.One@Contoso.example');
    expect(mailbox).toMatchObject({
      userPrincipalName: 'rep.one@contoso.example',
      status: 'active',
    });
    await expect(
      repo.create(org.id, 'rep.one@contoso.example'),
    ).rejects.toMatchObject({
      constraint: 'uq_mailbox_org_upn',
    });
    const other = await createOrganization(db.dataSource);
    await expect(
      repo.create(other.id, 'rep.one@contoso.example'),
    ).resolves.toBeDefined();
    expect(await repo.findById(other.id, mailbox.id)).toBeNull();

    await repo.setStatus(
      org.id,
      mailbox.id,
      'error',
      'Mailbox not found in tenant',
    );
    expect(await repo.findById(org.id, mailbox.id)).toMatchObject({
      status: 'error',
      statusReason: 'Mailbox not found in tenant',
    });
    expect((await repo.listActive()).map((m) => m.id)).not.toContain(
      mailbox.id,
    );
  });

  it('locks a user after repeated failed sign-ins and unlocks on success', async () => {
    const org = await createOrganization(db.dataSource);
    const users = new UserRepository(db.dataSource);
    const user = await users.create({
      orgId: org.id,
      email: 'Admin@Contoso.example',
      displayName: 'A',
      role: 'admin',
    });
    await expect(
      users.create({
        orgId: org.id,
        email: 'admin@contoso.example',
        displayName: 'B',
        role: 'member',
      }),
    ).rejects.toMatchObject({ constraint: 'uq_app_user_org_email' });
    expect(
      (await users.findByEmail('ADMIN@contoso.example')).map((u) => u.id),
    ).toEqual([user.id]);

    for (let i = 1; i <= 4; i++)
      expect(await users.recordFailedSignIn(user.id, 5, 60_000)).toBe(i);
    expect((await users.findById(org.id, user.id))?.lockedUntil).toBeNull();
    expect(await users.recordFailedSignIn(user.id, 5, 60_000)).toBe(5);
    const locked = await users.findById(org.id, user.id);
    expect(locked?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await users.recordSuccessfulSignIn(user.id);
    expect(await users.findById(org.id, user.id)).toMatchObject({
      failedSignInCount: 0,
      lockedUntil: null,
    });
  });

  it('finds an API token by its hash until it is revoked', async () => {
    const org = await createOrganization(db.dataSource);
    const user = await new UserRepository(db.dataSource).create({
      orgId: org.id,
      email: 'bot@contoso.example',
      displayName: 'Bot',
      role: 'admin',
    });
    const tokens = new ApiTokenRepository(db.dataSource);
    const hash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const token = await tokens.create(org.id, user.id, 'ci', hash);
    const used = await tokens.useActive(hash);
    expect(used?.id).toBe(token.id);
    expect(used?.lastUsedAt).toBeInstanceOf(Date);
    await expect(
      tokens.create(org.id, user.id, 'dup', hash),
    ).rejects.toMatchObject({
      constraint: 'uq_api_token_token_hash',
    });
    // Another org cannot revoke it.
    const other = await createOrganization(db.dataSource);
    expect(await tokens.revoke(other.id, token.id)).toBe(false);
    expect(await tokens.revoke(org.id, token.id)).toBe(true);
    expect(await tokens.useActive(hash)).toBeNull();
    expect(await tokens.revoke(org.id, token.id)).toBe(false);
  });
});
