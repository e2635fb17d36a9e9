import {
  MAIL_FOLDERS,
  MESSAGE_DIRECTIONS,
  type MailFolder,
  type MessageDirection,
} from '@headersync/domain-model';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { checkIn } from './column.util.js';
import { MailboxEntity } from './mailbox.entity.js';
import { StoredMessageEntity } from './stored-message.entity.js';

/**
 * One mailbox's copy of a stored message: the Graph immutable id it has in
 * that mailbox, its folder and its direction (from the folder: Inbox is
 * inbound, Sent Items outbound). Unique per (mailbox, Graph id), which is
 * what makes re-processing a delta page idempotent.
 */
@Entity({ name: 'mailbox_message' })
@Index('uq_mailbox_message_mailbox_graph_id', ['mailboxId', 'graphId'], {
  unique: true,
})
@Index('idx_mailbox_message_stored_message_id', ['storedMessageId'])
@Check('chk_mailbox_message_folder', checkIn('folder', MAIL_FOLDERS))
@Check(
  'chk_mailbox_message_direction',
  checkIn('direction', MESSAGE_DIRECTIONS),
)
export class MailboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @Column({ type: 'uuid' })
  mailboxId!: string;

  // Removing a mailbox removes its copies; StoredMessageRepository then
  // deletes messages left without any copy.
  @ManyToOne(() => MailboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id' })
  mailbox?: Relation<MailboxEntity>;

  @Column({ type: 'uuid' })
  storedMessageId!: string;

  @ManyToOne(() => StoredMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stored_message_id' })
  storedMessage?: Relation<StoredMessageEntity>;

  /** Graph immutable id (Prefer: IdType="ImmutableId"). */
  @Column({ type: 'text' })
  graphId!: string;

  @Column({ type: 'text' })
  folder!: MailFolder;

  @Column({ type: 'text' })
  direction!: MessageDirection;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
