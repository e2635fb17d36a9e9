import type { DataSource } from 'typeorm';
import { OrganizationEntity } from '@headersync/domain-persistence';

// The persistence lib has no organization repository yet; this is the only
// code of the API that reads or writes organization rows.
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(name: string): Promise<OrganizationEntity> {
    const repo = this.dataSource.getRepository(OrganizationEntity);
    return repo.save(repo.create({ name }));
  }

  count(): Promise<number> {
    return this.dataSource.getRepository(OrganizationEntity).count();
  }

  findById(id: string): Promise<OrganizationEntity | null> {
    return this.dataSource
      .getRepository(OrganizationEntity)
      .findOne({ where: { id } });
  }
}
