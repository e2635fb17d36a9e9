import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserEntity } from '@headersync/domain-persistence';
import type { DataSource } from 'typeorm';

/**
 * Microsoft sign-in's lookups, across orgs (the caller has no org yet):
 * which orgs registered the token's tenant, and the member in them.
 */
@Injectable()
export class SignInDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findMicrosoftUser(
    tenantId: string,
    objectId: string,
    address: string | undefined,
  ): Promise<UserEntity | null> {
    const users = this.dataSource.getRepository(UserEntity);
    const orgRows = await this.dataSource.query<{ org_id: string }[]>(
      `SELECT DISTINCT org_id FROM graph_credential WHERE lower(tenant_id) = $1`,
      [tenantId],
    );
    const orgIds = orgRows.map((r) => r.org_id);
    if (orgIds.length === 0) return null;
    const linked = await users
      .createQueryBuilder('u')
      .where('u.orgId IN (:...orgIds) AND u.entraObjectId = :objectId', {
        orgIds,
        objectId,
      })
      .getOne();
    if (linked) return linked;
    if (!address) return null;
    const byAddress = await users
      .createQueryBuilder('u')
      .where(
        'u.orgId IN (:...orgIds) AND u.email = :email AND u.entraObjectId IS NULL',
        { orgIds, email: address.toLowerCase() },
      )
      .getMany();
    // Two orgs of one tenant with the same address: ambiguous, refuse.
    const [user] = byAddress;
    if (!user || byAddress.length > 1) return null;
    await users.update({ id: user.id }, { entraObjectId: objectId });
    return { ...user, entraObjectId: objectId };
  }
}
