import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrganizationEntity } from './organization.entity.js';
import { UserEntity } from './user.entity.js';

/**
 * Who changed what and when. `before`/`after` hold the changed entity's
 * settings-like state (never message data, never secrets: credential events
 * record ids and key versions only).
 */
@Entity({ name: 'audit_event' })
@Index('idx_audit_event_org_at', ['orgId', 'at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  /** The acting user; null when the system acted (migrations, the worker). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  // SET NULL keeps the trail when a user is deleted; actor_label still says who.
  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_user_id' })
  actorUser?: Relation<UserEntity> | null;

  /** "system", or the user's email at the time of the change. */
  @Column({ type: 'text' })
  actorLabel!: string;

  /** e.g. "org-email-settings.update". */
  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  entity!: string;

  @Column({ type: 'text', nullable: true })
  entityId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
