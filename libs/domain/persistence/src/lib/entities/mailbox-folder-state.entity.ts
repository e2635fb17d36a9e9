import {
  FOLDER_SYNC_STATUSES,
  MAIL_FOLDERS,
  type FolderSyncStatus,
  type MailFolder,
} from '@headersync/domain-model';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { checkIn } from './column.util.js';
import { MailboxEntity } from './mailbox.entity.js';

/** Delta-query position of one folder of one mailbox. */
@Entity({ name: 'mailbox_folder_state' })
@Index('uq_mailbox_folder_state_mailbox_folder', ['mailboxId', 'folder'], {
  unique: true,
})
@Check('chk_mailbox_folder_state_folder', checkIn('folder', MAIL_FOLDERS))
@Check(
  'chk_mailbox_folder_state_status',
  checkIn('status', FOLDER_SYNC_STATUSES),
)
export class MailboxFolderStateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  mailboxId!: string;

  @ManyToOne(() => MailboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id' })
  mailbox?: Relation<MailboxEntity>;

  /** Graph well-known folder name. */
  @Column({ type: 'text' })
  folder!: MailFolder;

  /** Graph folder id, once resolved. */
  @Column({ type: 'text', nullable: true })
  folderId!: string | null;

  /**
   * The @odata.deltaLink to resume from; null before the first complete
   * round and after a 410 (syncStateNotFound) reset. Text: Graph's links
   * exceed 2 KB.
   */
  @Column({ type: 'text', nullable: true })
  deltaLink!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: FolderSyncStatus;

  /** Our typed error's message (never a Graph payload; see MailboxEntity.statusReason). */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
