import {
  MAILBOX_CONNECTION_KINDS,
  MAILBOX_STATUSES,
  type MailboxConnectionKind,
  type MailboxStatus,
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
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { checkIn } from './column.util.js';
import { OrganizationEntity } from './organization.entity.js';

@Entity({ name: 'mailbox' })
@Index('uq_mailbox_org_upn', ['orgId', 'userPrincipalName'], { unique: true })
@Index('uq_mailbox_org_graph_user_id', ['orgId', 'graphUserId'], {
  unique: true,
  where: '"graph_user_id" IS NOT NULL',
})
// The scheduler picks active mailboxes whose last run is oldest.
@Index('idx_mailbox_status_last_sync_started_at', [
  'status',
  'lastSyncStartedAt',
])
@Check(
  'chk_mailbox_upn_lowercase',
  '"user_principal_name" = lower("user_principal_name")',
)
@Check(
  'chk_mailbox_connection_kind',
  checkIn('connection_kind', MAILBOX_CONNECTION_KINDS),
)
@Check('chk_mailbox_status', checkIn('status', MAILBOX_STATUSES))
export class MailboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  /** Lowercased; UPNs are case-insensitive in Entra ID. */
  @Column({ type: 'text' })
  userPrincipalName!: string;

  /** Entra object id of the user, once resolved through Graph. */
  @Column({ type: 'text', nullable: true })
  graphUserId!: string | null;

  @Column({ type: 'text', default: 'application' })
  connectionKind!: MailboxConnectionKind;

  @Column({ type: 'text', default: 'active' })
  status!: MailboxStatus;

  /**
   * Why the mailbox is paused or in error, for a person to act on. Written
   * from our typed errors only (e.g. "Mailbox not found in tenant"): never
   * from Graph payloads, so no message data can land here.
   */
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  /** Overrides the worker's default schedule; null means the default. */
  @Column({ type: 'integer', nullable: true })
  syncIntervalSeconds!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncStartedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncFinishedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
