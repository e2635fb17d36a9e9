import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import {
  ApiTokenRepository,
  type MailboxEntity,
} from '@headersync/domain-persistence';
import {
  createMailbox,
  createOrganization,
  createTestDatabase,
  createUser,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import { loadConfig } from '@headersync/settings';
import { deleteRedisKeys } from '@headersync/settings/testing';
import type { ApiOptions } from '../../../api-options';
import { createApiApp } from '../../../create-app';
import { generateApiToken, hashApiToken } from '../../auth/api-token.util';

/** A signed-in caller: send `headers` with each request. */
export interface TestCaller {
  readonly userId: string;
  readonly email: string;
  readonly headers: { readonly authorization: string };
}

export interface TestOrg {
  readonly orgId: string;
  readonly admin: TestCaller;
  readonly member: TestCaller;
  /** The member's own mailbox (its UPN is the member's email). */
  readonly memberMailbox: MailboxEntity;
  /** A mailbox of someone else in the same org. */
  readonly otherMailbox: MailboxEntity;
}

export interface ApiHarness {
  readonly app: INestApplication;
  readonly server: Server;
  readonly database: TestDatabase;
  createOrg(): Promise<TestOrg>;
  close(): Promise<void>;
}

/**
 * The real app (createApiApp, as main.ts builds it) on a fresh, migrated
 * database and its own Redis key prefix. Callers authenticate with API
 * tokens, so the tests exercise the real guard without a password hash per
 * user; the auth suite covers sessions and CSRF.
 */
export async function startApiHarness(
  options: Partial<ApiOptions> = {},
): Promise<ApiHarness> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.databaseUrl,
    REDIS_PREFIX: `hs-test-${process.pid}-${randomBytes(4).toString('hex')}`,
    HEADERSYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  });
  const app = await createApiApp(config, options);
  await app.init();
  const tokens = new ApiTokenRepository(database.dataSource);

  async function caller(
    orgId: string,
    role: 'admin' | 'member',
  ): Promise<TestCaller> {
    const user = await createUser(database.dataSource, orgId, { role });
    const token = generateApiToken();
    await tokens.create(orgId, user.id, 'e2e', hashApiToken(token));
    return {
      userId: user.id,
      email: user.email,
      headers: { authorization: `Bearer ${token}` },
    };
  }

  return {
    app,
    server: app.getHttpServer() as Server,
    database,
    async createOrg() {
      const org = await createOrganization(database.dataSource);
      const admin = await caller(org.id, 'admin');
      const member = await caller(org.id, 'member');
      const memberMailbox = await createMailbox(database.dataSource, org.id, {
        userPrincipalName: member.email,
      });
      const otherMailbox = await createMailbox(database.dataSource, org.id);
      return { orgId: org.id, admin, member, memberMailbox, otherMailbox };
    },
    async close() {
      await app.close();
      await deleteRedisKeys(config.redisUrl, config.redisPrefix);
      await database.drop();
    },
  };
}
