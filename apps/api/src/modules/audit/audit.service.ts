import { Injectable } from '@nestjs/common';
import { AuditEventRepository } from '@headersync/domain-persistence';
import type { Page } from '../../common/pagination.dto';
import type { Principal } from '../auth/auth.types';
import type { AuditEventDto, ListAuditEventsQueryDto } from './audit.dto';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditEventRepository) {}

  async list(
    principal: Principal,
    query: ListAuditEventsQueryDto,
  ): Promise<Page<AuditEventDto>> {
    const rows = await this.audit.list(principal.orgId, {
      limit: query.limit,
      ...(query.cursor ? { before: new Date(query.cursor) } : {}),
    });
    const items = rows.map((e) => ({
      id: e.id,
      at: e.at,
      actorUserId: e.actorUserId,
      actorLabel: e.actorLabel,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before,
      after: e.after,
    }));
    const last = items.at(-1);
    return {
      items,
      nextCursor:
        items.length === query.limit && last ? last.at.toISOString() : null,
    };
  }
}
