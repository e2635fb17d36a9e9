import {
  SYNC_MODES,
  SYNC_RUN_STATUSES,
  SYNC_TRIGGERS,
  type SyncMode,
  type SyncRunStatus,
  type SyncTrigger,
} from '@headersync/domain-model';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { BIGINT_AS_NUMBER, checkIn } from './column.util.js';
import { MailboxEntity } from './mailbox.entity.js';
import { OrganizationEntity } from './organization.entity.js';

/**
 * One sync of one mailbox. The ONLY trace of ignored email in the database
 * is `ignored`: a count per classifier reason ({"bulk": 12}), with no id,
 * subject, address or header (keys are rule ids).
 */
@Entity({ name: 'sync_run' })
@Index('idx_sync_run_mailbox_started_at', ['mailboxId', 'startedAt'])
@Index('idx_sync_run_org_started_at', ['orgId', 'startedAt'])
@Check('chk_sync_run_mode', checkIn('mode', SYNC_MODES))
@Check('chk_sync_run_trigger', checkIn('trigger', SYNC_TRIGGERS))
@Check('chk_sync_run_status', checkIn('status', SYNC_RUN_STATUSES))
@Check('chk_sync_run_ignored_object', `jsonb_typeof("ignored") = 'object'`)
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  @Column({ type: 'uuid' })
  mailboxId!: string;

  @ManyToOne(() => MailboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id' })
  mailbox?: Relation<MailboxEntity>;

  @Column({ type: 'text' })
  mode!: SyncMode;

  @Column({ type: 'text' })
  trigger!: SyncTrigger;

  @Column({ type: 'text', default: 'running' })
  status!: SyncRunStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Messages listed by delta. */
  @Column({ type: 'integer', default: 0 })
  seen!: number;

  /** Messages downloaded in full. */
  @Column({ type: 'integer', default: 0 })
  fetched!: number;

  @Column({ type: 'integer', default: 0 })
  stored!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  removed!: number;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  ignored!: Record<string, number>;

  @Column({ type: 'integer', default: 0 })
  graphRequests!: number;

  @Column({ type: 'bigint', default: 0, transformer: BIGINT_AS_NUMBER })
  bytesHeader!: number;

  @Column({ type: 'bigint', default: 0, transformer: BIGINT_AS_NUMBER })
  bytesBody!: number;

  /** Our typed error's message when the run failed (never a Graph payload). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
