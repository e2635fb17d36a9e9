import type { DataSource } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity.js';
import { managerOf, type Tx } from './transaction.js';

export interface AuditActor {
  /** null for the system (worker, CLI). */
  readonly userId: string | null;
  /** The user's email, or "system". */
  readonly label: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'system' };

export interface AuditEventInput {
  readonly orgId: string;
  readonly actor: AuditActor;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Pass the tx of the change being audited: the event commits with it or not at all. */
  async record(event: AuditEventInput, tx?: Tx): Promise<AuditEventEntity> {
    const repo = managerOf(this.dataSource, tx).getRepository(AuditEventEntity);
    return repo.save(
      repo.create({
        orgId: event.orgId,
        actorUserId: event.actor.userId,
        actorLabel: event.actor.label,
        action: event.action,
        entity: event.entity,
        entityId: event.entityId,
        before: event.before,
        after: event.after,
      }),
    );
  }

  /** Newest first. */
  list(
    orgId: string,
    page: { readonly limit: number; readonly before?: Date },
  ): Promise<AuditEventEntity[]> {
    const qb = this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where('e.orgId = :orgId', { orgId });
    if (page.before) qb.andWhere('e.at < :before', { before: page.before });
    return qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(Math.min(Math.max(page.limit, 1), 500))
      .getMany();
  }
}
