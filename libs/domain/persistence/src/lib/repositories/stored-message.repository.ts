import type {
  MailFolder,
  MessageDirection,
  MessageKind,
} from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import type {
  StoredHeader,
  StoredParticipants,
} from '../entities/stored-message.entity.js';
import { StoredMessageEntity } from '../entities/stored-message.entity.js';
import { managerOf, queryRows, type Tx } from './transaction.js';

/** One mailbox's copy of a relevant email, as the worker hands it over. */
export interface StoredMessageInput {
  readonly orgId: string;
  readonly mailboxId: string;
  readonly graphId: string;
  readonly internetMessageId: string | null;
  readonly conversationId: string | null;
  readonly folder: MailFolder;
  readonly direction: MessageDirection;
  readonly participants: StoredParticipants;
  readonly subject: string | null;
  readonly sentAt: Date | null;
  readonly receivedAt: Date;
  readonly headers: readonly StoredHeader[];
  readonly bodyContentType: 'text' | 'html';
  readonly bodyContent: string;
  readonly sizeBytes: number;
  readonly kind: MessageKind;
  readonly rules: readonly string[];
  readonly matchedProspects: readonly string[];
  readonly outOfOfficeUntil: Date | null;
}

export interface UpsertResult {
  /** Mailbox copies that were new. */
  readonly inserted: number;
  /** Mailbox copies that existed already (re-processing). */
  readonly updated: number;
}

export interface MailboxCopy {
  readonly graphId: string;
  readonly folder: MailFolder;
  readonly direction: MessageDirection;
  readonly internetMessageId: string;
}

export interface StoredMessageFilter {
  /** Normalised address of a participant (e.g. a prospect). */
  readonly address?: string;
  /** Messages matched to this prospect address. */
  readonly prospect?: string;
  readonly mailboxId?: string;
  readonly kind?: MessageKind;
  readonly receivedFrom?: Date;
  readonly receivedBefore?: Date;
}

export interface StoredMessageCursor {
  readonly receivedAt: Date;
  readonly id: string;
}

/** List rows carry no body. */
export type StoredMessageSummary = Omit<
  StoredMessageEntity,
  'bodyContent' | 'headers' | 'org'
>;

export interface StoredMessageCopy {
  readonly mailboxId: string;
  readonly graphId: string;
  readonly folder: MailFolder;
  readonly direction: MessageDirection;
}

/** Message-ID when present, else the first copy's identity (see StoredMessageEntity). */
export function dedupeKeyOf(
  input: Pick<
    StoredMessageInput,
    'internetMessageId' | 'mailboxId' | 'graphId'
  >,
): string {
  return input.internetMessageId ?? `graph:${input.mailboxId}:${input.graphId}`;
}

/**
 * Messages per upsertMany call: 17 bind parameters each stays far below
 * PostgreSQL's 65,535, and a batch's bodies stay a bounded amount of memory.
 */
export const MAX_MESSAGES_PER_UPSERT = 500;

const MESSAGE_COLUMNS = [
  'org_id',
  'dedupe_key',
  'internet_message_id',
  'conversation_id',
  'participants',
  'participant_addresses',
  'subject',
  'sent_at',
  'received_at',
  'headers',
  'body_content_type',
  'body_content',
  'size_bytes',
  'kind',
  'rules',
  'matched_prospects',
  'out_of_office_until',
] as const;

// Content is last-writer-wins (two copies of one email carry the same
// content); matched prospects accumulate, so a rescan that finds a prospect
// added since never loses an earlier match.
const ON_MESSAGE_CONFLICT = `
  ON CONFLICT ("org_id", "dedupe_key") DO UPDATE SET
    "conversation_id" = EXCLUDED."conversation_id",
    "participants" = EXCLUDED."participants",
    "participant_addresses" = EXCLUDED."participant_addresses",
    "subject" = EXCLUDED."subject",
    "sent_at" = EXCLUDED."sent_at",
    "received_at" = EXCLUDED."received_at",
    "headers" = EXCLUDED."headers",
    "body_content_type" = EXCLUDED."body_content_type",
    "body_content" = EXCLUDED."body_content",
    "size_bytes" = EXCLUDED."size_bytes",
    "kind" = EXCLUDED."kind",
    "rules" = EXCLUDED."rules",
    "matched_prospects" = ARRAY(
      SELECT DISTINCT p FROM unnest("stored_message"."matched_prospects" || EXCLUDED."matched_prospects") AS p ORDER BY p
    ),
    "out_of_office_until" = EXCLUDED."out_of_office_until",
    "updated_at" = now()
  RETURNING "id", "dedupe_key"`;

function participantAddressesOf(p: StoredParticipants): string[] {
  const all = [p.from, p.sender, ...p.to, ...p.cc, ...p.bcc, ...p.replyTo];
  const set = new Set<string>();
  for (const x of all) if (x) set.add(x.address.trim().toLowerCase());
  return [...set].sort();
}

function placeholders(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    out.push(
      `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`,
    );
  }
  return out.join(', ');
}

export class StoredMessageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores relevant messages and their mailbox copies, idempotently: running
   * it again with the same input (a re-processed delta page, a 410 restart,
   * a crash replay) changes no row count. One transaction, so a crash leaves
   * either all of a batch or none of it.
   */
  async upsertMany(
    inputs: readonly StoredMessageInput[],
    tx?: Tx,
  ): Promise<UpsertResult> {
    if (inputs.length === 0) return { inserted: 0, updated: 0 };
    if (inputs.length > MAX_MESSAGES_PER_UPSERT) {
      throw new RangeError(
        `StoredMessageRepository.upsertMany takes at most ${MAX_MESSAGES_PER_UPSERT} messages per call`,
      );
    }
    const work = async (t: Tx): Promise<UpsertResult> => {
      // ON CONFLICT cannot touch one row twice in a statement: one message
      // row per (org, dedupe key); the last input wins for content.
      const byKey = new Map<string, StoredMessageInput>();
      for (const input of inputs)
        byKey.set(`${input.orgId}\u0000${dedupeKeyOf(input)}`, input);
      const messages = [...byKey.values()];
      const params: unknown[] = [];
      for (const m of messages) {
        params.push(
          m.orgId,
          dedupeKeyOf(m),
          m.internetMessageId,
          m.conversationId,
          JSON.stringify(m.participants),
          participantAddressesOf(m.participants),
          m.subject,
          m.sentAt,
          m.receivedAt,
          JSON.stringify(m.headers),
          m.bodyContentType,
          m.bodyContent,
          m.sizeBytes,
          m.kind,
          [...m.rules],
          [...new Set(m.matchedProspects.map((a) => a.toLowerCase()))].sort(),
          m.outOfOfficeUntil,
        );
      }
      const rows = await queryRows<{ id: string; dedupe_key: string }>(
        t.manager,
        `INSERT INTO "stored_message" (${MESSAGE_COLUMNS.map((c) => `"${c}"`).join(', ')})
         VALUES ${placeholders(messages.length, MESSAGE_COLUMNS.length)} ${ON_MESSAGE_CONFLICT}`,
        params,
      );
      const idByKey = new Map(rows.map((r) => [r.dedupe_key, r.id]));

      // Copies: one per (mailbox, graph id); the last input wins.
      const byCopy = new Map<string, StoredMessageInput>();
      for (const input of inputs)
        byCopy.set(`${input.mailboxId}\u0000${input.graphId}`, input);
      const copyParams: unknown[] = [];
      for (const c of byCopy.values()) {
        const id = idByKey.get(dedupeKeyOf(c));
        if (!id)
          throw new Error('upsertMany: a stored message row was not returned');
        copyParams.push(
          c.orgId,
          c.mailboxId,
          id,
          c.graphId,
          c.folder,
          c.direction,
        );
      }
      const copies = await queryRows<{ inserted: boolean }>(
        t.manager,
        `INSERT INTO "mailbox_message" ("org_id", "mailbox_id", "stored_message_id", "graph_id", "folder", "direction")
         VALUES ${placeholders(byCopy.size, 6)}
         ON CONFLICT ("mailbox_id", "graph_id") DO UPDATE SET
           "stored_message_id" = EXCLUDED."stored_message_id",
           "folder" = EXCLUDED."folder",
           "direction" = EXCLUDED."direction"
         RETURNING (xmax = 0) AS "inserted"`,
        copyParams,
      );
      const inserted = copies.filter((c) => c.inserted).length;
      return { inserted, updated: copies.length - inserted };
    };
    return tx
      ? work(tx)
      : this.dataSource.transaction((manager) => work({ manager }));
  }

  /** Graph ids of this mailbox that are stored already (so they are not downloaded again). */
  async findStoredGraphIds(
    mailboxId: string,
    graphIds: readonly string[],
    tx?: Tx,
  ): Promise<Set<string>> {
    if (graphIds.length === 0) return new Set();
    const rows = await queryRows<{ graph_id: string }>(
      managerOf(this.dataSource, tx),
      `SELECT "graph_id" FROM "mailbox_message" WHERE "mailbox_id" = $1 AND "graph_id" = ANY($2::text[])`,
      [mailboxId, [...graphIds]],
    );
    return new Set(rows.map((r) => r.graph_id));
  }

  /**
   * Graph ids of a mailbox's copies in one folder whose message was received
   * at or after `receivedFrom`: what a complete, fresh delta round over that
   * window must have listed (the worker removes the copies it did not list).
   */
  async findCopyGraphIds(
    mailboxId: string,
    folder: MailFolder,
    receivedFrom: Date,
    tx?: Tx,
  ): Promise<string[]> {
    const rows = await queryRows<{ graph_id: string }>(
      managerOf(this.dataSource, tx),
      `SELECT c."graph_id" FROM "mailbox_message" c
       JOIN "stored_message" s ON s."id" = c."stored_message_id"
       WHERE c."mailbox_id" = $1 AND c."folder" = $2 AND s."received_at" >= $3`,
      [mailboxId, folder, receivedFrom],
    );
    return rows.map((r) => r.graph_id);
  }

  /**
   * Records copies of emails the org stored already from another mailbox
   * (same Message-ID), without downloading them again. Returns the graph ids
   * that are now stored for this mailbox; the others still need a download.
   */
  async attachCopiesByInternetMessageId(
    orgId: string,
    mailboxId: string,
    copies: readonly MailboxCopy[],
    tx?: Tx,
  ): Promise<Set<string>> {
    if (copies.length === 0) return new Set();
    const manager = managerOf(this.dataSource, tx);
    const params: unknown[] = [orgId, mailboxId];
    const values = copies.map((c, i) => {
      params.push(c.graphId, c.folder, c.direction, c.internetMessageId);
      const b = 3 + i * 4;
      return `($${b}, $${b + 1}, $${b + 2}, $${b + 3})`;
    });
    await queryRows(
      manager,
      `INSERT INTO "mailbox_message" ("org_id", "mailbox_id", "stored_message_id", "graph_id", "folder", "direction")
       SELECT $1::uuid, $2::uuid, s."id", v.graph_id, v.folder, v.direction
       FROM (VALUES ${values.join(', ')}) AS v(graph_id, folder, direction, imid)
       JOIN "stored_message" s ON s."org_id" = $1::uuid AND s."dedupe_key" = v.imid
       ON CONFLICT ("mailbox_id", "graph_id") DO NOTHING`,
      params,
    );
    return this.findStoredGraphIds(
      mailboxId,
      copies.map((c) => c.graphId),
      tx,
    );
  }

  /**
   * Removes a mailbox's copies (Graph @removed items) and every message
   * left without a copy. Returns the number of copies removed.
   */
  async removeCopies(
    mailboxId: string,
    graphIds: readonly string[],
    tx?: Tx,
  ): Promise<number> {
    if (graphIds.length === 0) return 0;
    const work = async (t: Tx): Promise<number> => {
      const removed = await queryRows<{ stored_message_id: string }>(
        t.manager,
        `DELETE FROM "mailbox_message" WHERE "mailbox_id" = $1 AND "graph_id" = ANY($2::text[])
         RETURNING "stored_message_id"`,
        [mailboxId, [...graphIds]],
      );
      await this.deleteOrphans(
        removed.map((r) => r.stored_message_id),
        t,
      );
      return removed.length;
    };
    return tx
      ? work(tx)
      : this.dataSource.transaction((manager) => work({ manager }));
  }

  /** Before removing a mailbox: its copies and the messages only it held. */
  async removeAllForMailbox(mailboxId: string, tx?: Tx): Promise<number> {
    const work = async (t: Tx): Promise<number> => {
      const removed = await queryRows<{ stored_message_id: string }>(
        t.manager,
        `DELETE FROM "mailbox_message" WHERE "mailbox_id" = $1 RETURNING "stored_message_id"`,
        [mailboxId],
      );
      await this.deleteOrphans(
        removed.map((r) => r.stored_message_id),
        t,
      );
      return removed.length;
    };
    return tx
      ? work(tx)
      : this.dataSource.transaction((manager) => work({ manager }));
  }

  private async deleteOrphans(
    storedMessageIds: readonly string[],
    tx: Tx,
  ): Promise<void> {
    if (storedMessageIds.length === 0) return;
    await queryRows(
      tx.manager,
      `DELETE FROM "stored_message" s WHERE s."id" = ANY($1::uuid[])
         AND NOT EXISTS (SELECT 1 FROM "mailbox_message" c WHERE c."stored_message_id" = s."id")`,
      [[...new Set(storedMessageIds)]],
    );
  }

  /** Newest first, keyset-paginated on (received_at, id). */
  async list(
    orgId: string,
    filter: StoredMessageFilter,
    page: { readonly limit: number; readonly after?: StoredMessageCursor },
  ): Promise<StoredMessageSummary[]> {
    const qb = this.dataSource
      .getRepository(StoredMessageEntity)
      .createQueryBuilder('m')
      .select([
        'm.id',
        'm.orgId',
        'm.dedupeKey',
        'm.internetMessageId',
        'm.conversationId',
        'm.participants',
        'm.participantAddresses',
        'm.subject',
        'm.sentAt',
        'm.receivedAt',
        'm.bodyContentType',
        'm.sizeBytes',
        'm.kind',
        'm.rules',
        'm.matchedProspects',
        'm.outOfOfficeUntil',
        'm.createdAt',
        'm.updatedAt',
      ])
      .where('m.orgId = :orgId', { orgId });
    if (filter.address)
      qb.andWhere('m.participantAddresses @> ARRAY[:address]::text[]', {
        address: filter.address,
      });
    if (filter.prospect)
      qb.andWhere('m.matchedProspects @> ARRAY[:prospect]::text[]', {
        prospect: filter.prospect,
      });
    if (filter.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.receivedFrom)
      qb.andWhere('m.receivedAt >= :from', { from: filter.receivedFrom });
    if (filter.receivedBefore)
      qb.andWhere('m.receivedAt < :before', { before: filter.receivedBefore });
    if (filter.mailboxId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM "mailbox_message" c WHERE c."stored_message_id" = m.id AND c."mailbox_id" = :mailboxId)',
        { mailboxId: filter.mailboxId },
      );
    }
    if (page.after) {
      qb.andWhere('(m.receivedAt, m.id) < (:afterAt, :afterId)', {
        afterAt: page.after.receivedAt,
        afterId: page.after.id,
      });
    }
    return qb
      .orderBy('m.receivedAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(Math.min(Math.max(page.limit, 1), 500))
      .getMany();
  }

  /** One message with body, scoped to the org (another org's id finds nothing). */
  async findById(
    orgId: string,
    id: string,
  ): Promise<StoredMessageEntity | null> {
    return this.dataSource
      .getRepository(StoredMessageEntity)
      .findOne({ where: { orgId, id } });
  }

  async listCopies(
    orgId: string,
    storedMessageId: string,
  ): Promise<StoredMessageCopy[]> {
    const rows = await queryRows<{
      mailbox_id: string;
      graph_id: string;
      folder: MailFolder;
      direction: MessageDirection;
    }>(
      this.dataSource.manager,
      `SELECT "mailbox_id", "graph_id", "folder", "direction" FROM "mailbox_message"
       WHERE "org_id" = $1 AND "stored_message_id" = $2 ORDER BY "created_at"`,
      [orgId, storedMessageId],
    );
    return rows.map((r) => ({
      mailboxId: r.mailbox_id,
      graphId: r.graph_id,
      folder: r.folder,
      direction: r.direction,
    }));
  }

  async deleteById(orgId: string, id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(StoredMessageEntity)
      .delete({ orgId, id });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Erasure request: every stored message an address took part in, or that
   * was matched to it (a bounce about a prospect names the prospect only in
   * its body). Returns how many.
   */
  async purgeByAddress(orgId: string, address: string): Promise<number> {
    const rows = await queryRows<unknown>(
      this.dataSource.manager,
      `DELETE FROM "stored_message" WHERE "org_id" = $1
         AND ("participant_addresses" @> ARRAY[$2]::text[] OR "matched_prospects" @> ARRAY[$2]::text[])
       RETURNING "id"`,
      [orgId, address.trim().toLowerCase()],
    );
    return rows.length;
  }
}
