import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { deleteRedisKeys } from '@headersync/settings/testing';
import request from 'supertest';
import {
  ApiTokenRepository,
  UserRepository,
} from '@headersync/domain-persistence';
import {
  createOrganization,
  createTestDatabase,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import { loadConfig, type AppConfig } from '@headersync/settings';
import type { ApiOptions } from '../api-options';
import { createApiApp } from '../create-app';
import { generateApiToken, hashApiToken } from '../modules/auth/api-token.util';
import { CSRF_HEADER, SESSION_COOKIE } from '../modules/auth/auth.constants';
import { hashPassword } from '../modules/auth/password.util';

export const TEST_PASSWORD = 'correct horse battery staple';
// The lowest cost verifyPassword accepts: sign-ins stay fast in tests.
const TEST_LOG_N = 10;

export interface E2eUser {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly password: string;
  /** `Authorization: Bearer hst_...` of an API token of this user. */
  readonly bearer: { readonly authorization: string };
}

export interface E2eOrg {
  readonly id: string;
  readonly admin: E2eUser;
  readonly member: E2eUser;
}

/** A signed-in browser: send `cookie` (and `csrf` on unsafe methods). */
export interface E2eSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly cookie: string;
  /** Headers of an unsafe request from the admin app. */
  readonly unsafe: Record<string, string>;
  readonly setCookie: string[];
}

export interface E2eApi {
  readonly app: INestApplication;
  readonly server: Server;
  readonly database: TestDatabase;
  readonly config: AppConfig;
  createOrg(name?: string): Promise<E2eOrg>;
  createUser(
    orgId: string,
    role: 'admin' | 'member',
    email?: string,
  ): Promise<E2eUser>;
  close(): Promise<void>;
}

/**
 * The app as main.ts builds it (createApiApp) on a fresh, migrated database
 * and a Redis key prefix of its own, not listening: supertest drives it.
 */
export async function startE2eApi(
  options: Partial<ApiOptions> = {},
  env: Record<string, string> = {},
): Promise<E2eApi> {
  const database = await createTestDatabase();
  const prefix = `hs-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: database.databaseUrl,
    REDIS_PREFIX: prefix,
    HEADERSYNC_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PUBLIC_ADMIN_URL: 'https://admin.headersync.test',
    ...env,
  });
  const app = await createApiApp(config, {
    passwordLogN: TEST_LOG_N,
    ...options,
  });
  await app.init();
  const users = new UserRepository(database.dataSource);
  const tokens = new ApiTokenRepository(database.dataSource);

  async function createUser(
    orgId: string,
    role: 'admin' | 'member',
    email = `${role}-${randomBytes(4).toString('hex')}@example.com`,
  ): Promise<E2eUser> {
    const user = await users.create({
      orgId,
      email,
      displayName: `${role === 'admin' ? 'Ada' : 'Max'} ${email.split('@')[0] ?? ''}`,
      role,
      passwordHash: await hashPassword(TEST_PASSWORD, TEST_LOG_N),
    });
    const token = generateApiToken();
    await tokens.create(orgId, user.id, 'e2e', hashApiToken(token));
    return {
      id: user.id,
      orgId,
      email: user.email,
      password: TEST_PASSWORD,
      bearer: { authorization: `Bearer ${token}` },
    };
  }

  return {
    app,
    server: app.getHttpServer() as Server,
    database,
    config,
    createUser,
    async createOrg(name?: string) {
      const org = await createOrganization(
        database.dataSource,
        name ? { name } : {},
      );
      return {
        id: org.id,
        admin: await createUser(org.id, 'admin'),
        member: await createUser(org.id, 'member'),
      };
    },
    async close() {
      await app.close();
      await database.drop();
      await deleteRedisKeys(config.redisUrl, prefix);
    },
  };
}

/** Reads a cookie's value out of Set-Cookie headers. */
export function cookieValue(
  setCookie: readonly string[],
  name: string,
): string | undefined {
  for (const line of setCookie) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0 && pair.slice(0, at) === name)
      return decodeURIComponent(pair.slice(at + 1));
  }
  return undefined;
}

export function sessionFrom(
  setCookie: readonly string[],
  csrfToken: string,
): E2eSession {
  const token = cookieValue(setCookie, SESSION_COOKIE) ?? '';
  const cookie = `${SESSION_COOKIE}=${token}`;
  return {
    token,
    csrfToken,
    cookie,
    unsafe: { cookie, [CSRF_HEADER]: csrfToken },
    setCookie: [...setCookie],
  };
}

/** Set-Cookie of a supertest response, always an array. */
export function setCookieOf(headers: Record<string, unknown>): string[] {
  const value = headers['set-cookie'];
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? [value] : [];
}

/** Signs in through the API, as the admin app does. */
export async function signIn(
  server: Server,
  user: { email: string; password: string },
): Promise<E2eSession> {
  const response = await request(server)
    .post('/api/v1/auth/sign-in')
    .send({ email: user.email, password: user.password })
    .expect(200);
  const body = response.body as { csrfToken: string };
  return sessionFrom(setCookieOf(response.headers), body.csrfToken);
}
