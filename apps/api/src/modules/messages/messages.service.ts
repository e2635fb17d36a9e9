import { Injectable, NotFoundException } from '@nestjs/common';
import { normaliseEmailAddress } from '@headersync/domain-model';
import {
  AuditEventRepository,
  MailboxRepository,
  ProspectRepository,
  StoredMessageRepository,
  type StoredMessageCursor,
  type StoredMessageEntity,
  type StoredMessageSummary,
} from '@headersync/domain-persistence';
import { fieldErrors } from '../../common/field-errors';
import {
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../common/pagination.dto';
import type { Principal } from '../auth/auth.types';
import type {
  ListMessagesQueryDto,
  MessageDto,
  MessageSummaryDto,
  PurgeMessagesDto,
  PurgeResultDto,
} from './messages.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toSummary(m: StoredMessageSummary): MessageSummaryDto {
  return {
    id: m.id,
    internetMessageId: m.internetMessageId,
    conversationId: m.conversationId,
    participants: {
      from: m.participants.from,
      sender: m.participants.sender,
      to: [...m.participants.to],
      cc: [...m.participants.cc],
      bcc: [...m.participants.bcc],
      replyTo: [...m.participants.replyTo],
    },
    subject: m.subject,
    sentAt: m.sentAt,
    receivedAt: m.receivedAt,
    sizeBytes: m.sizeBytes,
    kind: m.kind,
    rules: m.rules,
    matchedProspects: m.matchedProspects,
    outOfOfficeUntil: m.outOfOfficeUntil,
    createdAt: m.createdAt,
  };
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly messages: StoredMessageRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly prospects: ProspectRepository,
    private readonly audit: AuditEventRepository,
  ) {}

  async list(
    principal: Principal,
    query: ListMessagesQueryDto,
  ): Promise<Page<MessageSummaryDto>> {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from >= to)
      throw fieldErrors([{ field: 'to', message: 'must be after from' }]);
    const after = query.cursor ? this.parseCursor(query.cursor) : undefined;

    let mailboxId = query.mailboxId;
    if (principal.role !== 'admin') {
      // A member reads only the mailbox whose UPN is their own address.
      const own = await this.ownMailboxId(principal);
      if (mailboxId !== undefined && mailboxId !== own)
        throw new NotFoundException('No such mailbox');
      if (own === null) return { items: [], nextCursor: null };
      mailboxId = own;
    } else if (
      mailboxId !== undefined &&
      !(await this.mailboxes.findById(principal.orgId, mailboxId))
    ) {
      throw new NotFoundException('No such mailbox');
    }

    const rows = await this.messages.list(
      principal.orgId,
      {
        ...(query.prospect
          ? { prospect: normaliseEmailAddress(query.prospect) }
          : {}),
        ...(query.address
          ? { address: normaliseEmailAddress(query.address) }
          : {}),
        ...(mailboxId ? { mailboxId } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
        ...(from ? { receivedFrom: from } : {}),
        ...(to ? { receivedBefore: to } : {}),
      },
      { limit: query.limit, ...(after ? { after } : {}) },
    );
    const last = rows.at(-1);
    return {
      items: rows.map(toSummary),
      nextCursor:
        rows.length === query.limit && last
          ? encodeCursor([last.receivedAt.toISOString(), last.id])
          : null,
    };
  }

  async get(principal: Principal, id: string): Promise<MessageDto> {
    const message = await this.messages.findById(principal.orgId, id);
    if (!message) throw new NotFoundException('No such message');
    let copies = await this.messages.listCopies(principal.orgId, id);
    if (principal.role !== 'admin') {
      const own = await this.ownMailboxId(principal);
      copies = copies.filter((c) => c.mailboxId === own);
      // Not "forbidden": a member must not learn that the id exists.
      if (copies.length === 0) throw new NotFoundException('No such message');
    }
    return this.toDto(message, copies);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await this.messages.deleteById(principal.orgId, id)))
      throw new NotFoundException('No such message');
    await this.audit.record({
      orgId: principal.orgId,
      actor: { userId: principal.userId, label: principal.email },
      action: 'stored-message.delete',
      entity: 'stored-message',
      entityId: id,
      before: null,
      after: null,
    });
  }

  /**
   * Erasure request (GDPR art. 17): every stored message the address took
   * part in or was matched to, and the prospect record itself. The audit
   * event keeps only the counts: recording the address would keep the very
   * personal data the request asked to erase.
   */
  async purge(
    principal: Principal,
    dto: PurgeMessagesDto,
  ): Promise<PurgeResultDto> {
    const address = normaliseEmailAddress(dto.address);
    const messagesDeleted = await this.messages.purgeByAddress(
      principal.orgId,
      address,
    );
    const [match] = await this.prospects.search(principal.orgId, {
      emailPrefix: address,
      limit: 1,
    });
    const prospectDeleted =
      match?.email === address
        ? await this.prospects.deleteById(principal.orgId, match.id)
        : false;
    await this.audit.record({
      orgId: principal.orgId,
      actor: { userId: principal.userId, label: principal.email },
      action: 'stored-message.purge',
      entity: 'stored-message',
      entityId: null,
      before: null,
      after: { messagesDeleted, prospectDeleted },
    });
    return { messagesDeleted, prospectDeleted };
  }

  private async ownMailboxId(principal: Principal): Promise<string | null> {
    const mine = (await this.mailboxes.listByOrg(principal.orgId)).find(
      (m) => m.userPrincipalName === principal.email,
    );
    return mine?.id ?? null;
  }

  private parseCursor(cursor: string): StoredMessageCursor {
    const parts = decodeCursor(cursor, 2);
    const receivedAt = parts ? new Date(parts[0] ?? '') : undefined;
    const id = parts?.[1];
    if (
      !receivedAt ||
      Number.isNaN(receivedAt.getTime()) ||
      !id ||
      !UUID.test(id)
    )
      throw fieldErrors([
        { field: 'cursor', message: 'is not a valid cursor' },
      ]);
    return { receivedAt, id };
  }

  private toDto(
    m: StoredMessageEntity,
    copies: MessageDto['copies'],
  ): MessageDto {
    return {
      ...toSummary(m),
      headers: m.headers.map((h) => ({ name: h.name, value: h.value })),
      body: { contentType: m.bodyContentType, content: m.bodyContent },
      copies: copies.map((c) => ({ ...c })),
    };
  }
}
