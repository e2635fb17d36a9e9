import { MESSAGE_KINDS, type MessageKind } from '@headersync/domain-model';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { BIGINT_AS_NUMBER, checkIn } from './column.util.js';
import { OrganizationEntity } from './organization.entity.js';

export interface StoredParticipant {
  readonly name?: string;
  readonly address: string;
}

export interface StoredParticipants {
  readonly from: StoredParticipant | null;
  readonly sender: StoredParticipant | null;
  readonly to: readonly StoredParticipant[];
  readonly cc: readonly StoredParticipant[];
  readonly bcc: readonly StoredParticipant[];
  readonly replyTo: readonly StoredParticipant[];
}

export interface StoredHeader {
  readonly name: string;
  readonly value: string;
}

/**
 * A relevant email, stored once per org.
 *
 * The same email is often seen in several mailboxes of one org (a rep's Sent
 * Items and a colleague's Inbox, or both of a rep's folders when they copy
 * themselves). It is one activity for the prospect, so its content is stored
 * once, keyed by `dedupe_key` = the RFC 5322 Message-ID (Graph
 * internetMessageId) when there is one; each mailbox's copy is a
 * MailboxMessageEntity row (unique per mailbox and Graph id) carrying that
 * copy's folder and direction. Messages without a Message-ID are keyed by
 * their first copy ("graph:<mailboxId>:<graphId>"), so re-processing stays
 * idempotent for them too. The message is deleted with its last copy.
 *
 * uq_stored_message_org_dedupe_key plus chk_stored_message_dedupe_key is the
 * equivalent of a unique partial index on (org_id, internet_message_id)
 * WHERE internet_message_id IS NOT NULL, with one ON CONFLICT target for
 * every message.
 */
@Entity({ name: 'stored_message' })
@Index('uq_stored_message_org_dedupe_key', ['orgId', 'dedupeKey'], {
  unique: true,
})
@Index('idx_stored_message_org_received_at', ['orgId', 'receivedAt'])
@Index('idx_stored_message_org_kind_received_at', [
  'orgId',
  'kind',
  'receivedAt',
])
@Index('idx_stored_message_org_conversation_id', ['orgId', 'conversationId'])
@Check('chk_stored_message_kind', checkIn('kind', MESSAGE_KINDS))
@Check(
  'chk_stored_message_body_content_type',
  `"body_content_type" IN ('text', 'html')`,
)
// Keeps dedupe_key and internet_message_id from drifting apart.
@Check(
  'chk_stored_message_dedupe_key',
  `("internet_message_id" IS NULL AND "dedupe_key" LIKE 'graph:%') OR "dedupe_key" = "internet_message_id"`,
)
export class StoredMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  @Column({ type: 'text' })
  dedupeKey!: string;

  /** RFC 5322 Message-ID as Graph returns it, angle brackets included. */
  @Column({ type: 'text', nullable: true })
  internetMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  conversationId!: string | null;

  @Column({ type: 'jsonb' })
  participants!: StoredParticipants;

  /** Every participant address, normalised (lowercase), for GIN search. */
  // GIN (array containment @>) indexes are created by hand in the
  // migration: TypeORM's index options cannot say USING gin.
  @Index('idx_stored_message_participant_addresses', { synchronize: false })
  @Column({ type: 'text', array: true })
  participantAddresses!: string[];

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  /** Graph internetMessageHeaders, in order. */
  @Column({ type: 'jsonb' })
  headers!: StoredHeader[];

  @Column({ type: 'text' })
  bodyContentType!: 'text' | 'html';

  @Column({ type: 'text' })
  bodyContent!: string;

  @Column({ type: 'bigint', transformer: BIGINT_AS_NUMBER })
  sizeBytes!: number;

  @Column({ type: 'text' })
  kind!: MessageKind;

  /** Ids of the classifier rules that fired. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  rules!: string[];

  /** Normalised addresses of the prospects this message matched. */
  @Index('idx_stored_message_matched_prospects', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  matchedProspects!: string[];

  /** For a prospect's auto-reply: when they are back, if the body said so. */
  @Column({ type: 'timestamptz', nullable: true })
  outOfOfficeUntil!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
