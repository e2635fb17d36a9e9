import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiRedis } from '../redis/redis.module';
import { SESSION_TTL_SECONDS } from './auth.constants';
import type { SessionRecord } from './auth.types';

/**
 * Server-side sessions in Redis (the persistence lib has no session table).
 * The cookie carries a random 256-bit token; Redis holds only its SHA-256,
 * so a dump of Redis cannot be replayed as cookies.
 */
@Injectable()
export class SessionRepository {
  constructor(private readonly redis: ApiRedis) {}

  static keyOf(token: string): string {
    return `session:${createHash('sha256').update(token).digest('hex')}`;
  }

  async create(
    userId: string,
    orgId: string,
  ): Promise<{ token: string; csrfToken: string; key: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const record: SessionRecord = {
      userId,
      orgId,
      csrfToken,
      createdAt: new Date().toISOString(),
    };
    const key = SessionRepository.keyOf(token);
    await this.redis.client.set(
      key,
      JSON.stringify(record),
      'EX',
      SESSION_TTL_SECONDS,
    );
    return { token, csrfToken, key };
  }

  async find(
    token: string,
  ): Promise<{ key: string; record: SessionRecord } | null> {
    const key = SessionRepository.keyOf(token);
    const raw = await this.redis.client.get(key);
    if (!raw) return null;
    return { key, record: JSON.parse(raw) as SessionRecord };
  }

  async delete(key: string): Promise<void> {
    await this.redis.client.del(key);
  }
}
