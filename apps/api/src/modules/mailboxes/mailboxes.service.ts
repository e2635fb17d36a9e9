import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import {
  MAIL_FOLDERS,
  normaliseEmailAddress,
  type MailboxStatus,
} from '@headersync/domain-model';
import {
  AuditEventRepository,
  MailboxFolderStateRepository,
  MailboxRepository,
  StoredMessageRepository,
  TransactionRunner,
  type MailboxEntity,
} from '@headersync/domain-persistence';
import { MailboxUnavailableError } from '@headersync/graph-client';
import { fieldErrors } from '../../common/field-errors';
import {
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../common/pagination.dto';
import type { Principal } from '../auth/auth.types';
import { GraphClientFactory } from '../graph-connection/graph-client.factory';
import { describeGraphFailure } from '../graph-connection/graph-connection.service';
import type {
  AddMailboxDto,
  ListMailboxesQueryDto,
  MailboxDto,
} from './mailboxes.dto';
import {
  MailboxOverviewRepository,
  type MailboxCounters,
} from './mailbox-overview.repository';
import { SyncQueueService } from './sync-queue.service';

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: unknown }).code === '23505' ||
    (error as { driverError?: { code?: unknown } }).driverError?.code ===
      '23505'
  );
}

@Injectable()
export class MailboxesService {
  constructor(
    private readonly mailboxes: MailboxRepository,
    private readonly folderStates: MailboxFolderStateRepository,
    private readonly storedMessages: StoredMessageRepository,
    private readonly overview: MailboxOverviewRepository,
    private readonly audit: AuditEventRepository,
    private readonly transactions: TransactionRunner,
    private readonly queue: SyncQueueService,
    private readonly graph: GraphClientFactory,
  ) {}

  /** Members see only the mailbox whose UPN is their own email address. */
  private visible(principal: Principal, mailbox: MailboxEntity): boolean {
    return (
      principal.role === 'admin' ||
      mailbox.userPrincipalName === principal.email
    );
  }

  async list(
    principal: Principal,
    query: ListMailboxesQueryDto,
  ): Promise<Page<MailboxDto>> {
    let after: string | undefined;
    if (query.cursor) {
      const parts = decodeCursor(query.cursor, 1);
      if (!parts)
        throw fieldErrors([
          { field: 'cursor', message: 'is not a valid cursor' },
        ]);
      after = parts[0];
    }
    // Mailboxes per org are hundreds at most: page over the ordered list.
    const all = (await this.mailboxes.listByOrg(principal.orgId)).filter(
      (m) =>
        this.visible(principal, m) &&
        (after === undefined || m.userPrincipalName > after),
    );
    const page = all.slice(0, query.limit);
    const items = await this.describe(principal.orgId, page);
    const last = page.at(-1);
    return {
      items,
      nextCursor:
        all.length > query.limit && last
          ? encodeCursor([last.userPrincipalName])
          : null,
    };
  }

  async get(principal: Principal, id: string): Promise<MailboxDto> {
    const [item] = await this.describe(principal.orgId, [
      await this.find(principal, id),
    ]);
    if (!item) throw new NotFoundException('No such mailbox');
    return item;
  }

  async add(principal: Principal, dto: AddMailboxDto): Promise<MailboxDto> {
    const upn = normaliseEmailAddress(dto.userPrincipalName);
    let graphUserId: string | null = null;
    const client = await this.graph.forOrg(principal.orgId);
    if (client) {
      try {
        graphUserId = (await client.getUser(upn)).id;
      } catch (error) {
        if (error instanceof MailboxUnavailableError)
          throw fieldErrors([
            {
              field: 'userPrincipalName',
              message: 'is not a user of the tenant',
            },
          ]);
        throw new BadRequestException(
          `Graph refused the lookup: ${describeGraphFailure(error)}`,
        );
      } finally {
        client.close();
      }
    }
    let mailbox: MailboxEntity;
    try {
      mailbox = await this.mailboxes.create(principal.orgId, upn, graphUserId);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictException('This mailbox is added already');
      throw error;
    }
    await this.record(principal, 'mailbox.add', mailbox.id, null, {
      userPrincipalName: upn,
    });
    await this.queue.enqueue(principal.orgId, mailbox.id, 'initial');
    return this.get(principal, mailbox.id);
  }

  async setPaused(
    principal: Principal,
    id: string,
    paused: boolean,
  ): Promise<MailboxDto> {
    const mailbox = await this.find(principal, id);
    const status: MailboxStatus = paused ? 'paused' : 'active';
    await this.mailboxes.setStatus(
      principal.orgId,
      id,
      status,
      paused ? 'Paused by an admin' : null,
    );
    if (paused) await this.queue.cancel(id);
    await this.record(
      principal,
      paused ? 'mailbox.pause' : 'mailbox.resume',
      id,
      { status: mailbox.status },
      { status },
    );
    if (!paused) await this.queue.enqueue(principal.orgId, id, 'manual');
    return this.get(principal, id);
  }

  async syncNow(principal: Principal, id: string, rescan: boolean) {
    const mailbox = await this.find(principal, id);
    if (mailbox.status === 'paused')
      throw new ConflictException('The mailbox is paused: resume it first');
    if (rescan) {
      // A rescan starts every folder's delta afresh (the backfill window
      // again), so rules changed since are applied to older mail too.
      await this.transactions.run(async (tx) => {
        for (const folder of MAIL_FOLDERS)
          await this.folderStates.resetDelta(id, folder, tx);
      });
      await this.record(principal, 'mailbox.rescan', id, null, null);
    }
    const result = await this.queue.enqueue(
      principal.orgId,
      id,
      rescan ? 'rescan' : 'manual',
    );
    return { ...result, mailboxId: id };
  }

  async remove(principal: Principal, id: string): Promise<void> {
    const mailbox = await this.find(principal, id);
    await this.queue.cancel(id);
    await this.transactions.run(async (tx) => {
      await this.storedMessages.removeAllForMailbox(id, tx);
      await this.mailboxes.delete(principal.orgId, id, tx);
    });
    await this.record(
      principal,
      'mailbox.remove',
      id,
      { userPrincipalName: mailbox.userPrincipalName },
      null,
    );
  }

  private async find(principal: Principal, id: string): Promise<MailboxEntity> {
    const mailbox = await this.mailboxes.findById(principal.orgId, id);
    if (!mailbox || !this.visible(principal, mailbox))
      throw new NotFoundException('No such mailbox');
    return mailbox;
  }

  private async describe(
    orgId: string,
    mailboxes: readonly MailboxEntity[],
  ): Promise<MailboxDto[]> {
    const ids = mailboxes.map((m) => m.id);
    const [counters, jobs] = await Promise.all([
      this.overview.countersFor(orgId, ids),
      this.queue.statuses(ids),
    ]);
    return mailboxes.map((m) => {
      const c: MailboxCounters = counters.get(m.id) ?? {
        storedMessages: 0,
        lastRun: null,
      };
      return {
        id: m.id,
        userPrincipalName: m.userPrincipalName,
        graphUserId: m.graphUserId,
        status: m.status,
        statusReason: m.statusReason,
        lastSyncStartedAt: m.lastSyncStartedAt,
        lastSyncFinishedAt: m.lastSyncFinishedAt,
        lastSuccessAt: m.lastSuccessAt,
        storedMessages: c.storedMessages,
        lastRun: c.lastRun ? { ...c.lastRun } : null,
        job: jobs.get(m.id) ?? null,
        createdAt: m.createdAt,
      };
    });
  }

  private async record(
    principal: Principal,
    action: string,
    entityId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    await this.audit.record({
      orgId: principal.orgId,
      actor: { userId: principal.userId, label: principal.email },
      action,
      entity: 'mailbox',
      entityId,
      before,
      after,
    });
  }
}
