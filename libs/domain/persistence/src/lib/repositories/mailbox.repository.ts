import {
  normaliseEmailAddress,
  type MailboxStatus,
} from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { MailboxEntity } from '../entities/mailbox.entity.js';
import { managerOf, type Tx } from './transaction.js';

export class MailboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    orgId: string,
    userPrincipalName: string,
    graphUserId: string | null = null,
    tx?: Tx,
  ): Promise<MailboxEntity> {
    const repo = managerOf(this.dataSource, tx).getRepository(MailboxEntity);
    return repo.save(
      repo.create({
        orgId,
        userPrincipalName: normaliseEmailAddress(userPrincipalName),
        graphUserId,
      }),
    );
  }

  findById(orgId: string, id: string): Promise<MailboxEntity | null> {
    return this.dataSource
      .getRepository(MailboxEntity)
      .findOne({ where: { orgId, id } });
  }

  listByOrg(orgId: string): Promise<MailboxEntity[]> {
    return this.dataSource
      .getRepository(MailboxEntity)
      .find({ where: { orgId }, order: { userPrincipalName: 'ASC' } });
  }

  /** Active mailboxes, least recently started first (for the scheduler). */
  listActive(limit = 1000): Promise<MailboxEntity[]> {
    return this.dataSource
      .getRepository(MailboxEntity)
      .createQueryBuilder('m')
      .where("m.status = 'active'")
      .orderBy('m.lastSyncStartedAt', 'ASC', 'NULLS FIRST')
      .limit(limit)
      .getMany();
  }

  async setStatus(
    orgId: string,
    id: string,
    status: MailboxStatus,
    reason: string | null = null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(MailboxEntity)
      .update({ orgId, id }, { status, statusReason: reason });
  }

  async setGraphUserId(id: string, graphUserId: string): Promise<void> {
    await this.dataSource
      .getRepository(MailboxEntity)
      .update({ id }, { graphUserId });
  }

  async markSyncStarted(id: string, at = new Date()): Promise<void> {
    await this.dataSource
      .getRepository(MailboxEntity)
      .update({ id }, { lastSyncStartedAt: at });
  }

  async markSyncFinished(
    id: string,
    succeeded: boolean,
    at = new Date(),
  ): Promise<void> {
    await this.dataSource
      .getRepository(MailboxEntity)
      .update(
        { id },
        succeeded
          ? { lastSyncFinishedAt: at, lastSuccessAt: at }
          : { lastSyncFinishedAt: at },
      );
  }

  /** Removes the mailbox; its copies, folder states and runs cascade. Call StoredMessageRepository.removeAllForMailbox first. */
  async delete(orgId: string, id: string, tx?: Tx): Promise<boolean> {
    const result = await managerOf(this.dataSource, tx)
      .getRepository(MailboxEntity)
      .delete({ orgId, id });
    return (result.affected ?? 0) > 0;
  }
}
