import { normaliseEmailAddress, type UserRole } from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { ApiTokenEntity } from '../entities/api-token.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { queryRows } from './transaction.js';

export interface NewUser {
  readonly orgId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly passwordHash?: string | null;
  readonly entraObjectId?: string | null;
}

export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: NewUser): Promise<UserEntity> {
    const repo = this.dataSource.getRepository(UserEntity);
    return repo.save(
      repo.create({ ...user, email: normaliseEmailAddress(user.email) }),
    );
  }

  findById(orgId: string, id: string): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { orgId, id } });
  }

  /** Sign-in: every org membership of an email (usually one). */
  findByEmail(email: string): Promise<UserEntity[]> {
    return this.dataSource
      .getRepository(UserEntity)
      .find({ where: { email: normaliseEmailAddress(email) } });
  }

  findByEntraObjectId(
    orgId: string,
    entraObjectId: string,
  ): Promise<UserEntity | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { orgId, entraObjectId } });
  }

  /**
   * Counts a failed sign-in atomically and locks the account for `lockFor`
   * milliseconds once `maxFailures` is reached. Returns the new count.
   */
  async recordFailedSignIn(
    id: string,
    maxFailures: number,
    lockForMs: number,
  ): Promise<number> {
    const rows = await queryRows<{ failed_sign_in_count: number }>(
      this.dataSource.manager,
      `UPDATE "app_user" SET
         "failed_sign_in_count" = "failed_sign_in_count" + 1,
         "locked_until" = CASE WHEN "failed_sign_in_count" + 1 >= $2
                               THEN now() + make_interval(secs => $3::double precision / 1000)
                               ELSE "locked_until" END
       WHERE "id" = $1 RETURNING "failed_sign_in_count"`,
      [id, maxFailures, lockForMs],
    );
    return rows[0]?.failed_sign_in_count ?? 0;
  }

  async recordSuccessfulSignIn(id: string): Promise<void> {
    await this.dataSource
      .getRepository(UserEntity)
      .update({ id }, { failedSignInCount: 0, lockedUntil: null });
  }
}

export class ApiTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `tokenHash`: SHA-256 (hex) of the token; the token itself is never stored. */
  async create(
    orgId: string,
    userId: string,
    name: string,
    tokenHash: string,
  ): Promise<ApiTokenEntity> {
    const repo = this.dataSource.getRepository(ApiTokenEntity);
    return repo.save(repo.create({ orgId, userId, name, tokenHash }));
  }

  /** The unrevoked token with this hash, touching last_used_at. */
  async useActive(tokenHash: string): Promise<ApiTokenEntity | null> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE "api_token" SET "last_used_at" = now()
       WHERE "token_hash" = $1 AND "revoked_at" IS NULL RETURNING "id"`,
      [tokenHash],
    );
    const id = rows[0]?.id;
    return id
      ? this.dataSource.getRepository(ApiTokenEntity).findOne({ where: { id } })
      : null;
  }

  listForUser(orgId: string, userId: string): Promise<ApiTokenEntity[]> {
    return this.dataSource
      .getRepository(ApiTokenEntity)
      .find({ where: { orgId, userId }, order: { createdAt: 'DESC' } });
  }

  async revoke(orgId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiTokenEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('orgId = :orgId AND id = :id AND revokedAt IS NULL', { orgId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
