import { MAIL_FOLDERS, type MailFolder } from '@headersync/domain-model';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { checkAllIn } from './column.util.js';
import { OrganizationEntity } from './organization.entity.js';

// One row per org. Defaults mirror DEFAULT_ORG_EMAIL_SETTINGS in domain-model.
@Entity({ name: 'org_email_settings' })
@Check('chk_org_email_settings_folders', checkAllIn('folders', MAIL_FOLDERS))
@Check(
  'chk_org_email_settings_backfill_days',
  '"backfill_days" BETWEEN 1 AND 3650',
)
export class OrgEmailSettingsEntity {
  @PrimaryColumn({ type: 'uuid' })
  orgId!: string;

  @OneToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  @Column({ type: 'boolean', default: false })
  headerBasedSync!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  internalDomains!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  blockedDomains!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  blockedAddresses!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedDomains!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedAddresses!: string[];

  @Column({ type: 'text', array: true, default: () => "'{inbox,sentitems}'" })
  folders!: MailFolder[];

  @Column({ type: 'integer', default: 90 })
  backfillDays!: number;

  @Column({ type: 'boolean', default: true })
  ignorePrivate!: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sensitiveSubjectTerms!: string[];

  @Column({ type: 'boolean', default: false })
  matchProspectsByDomain!: boolean;

  @Column({ type: 'boolean', default: true })
  treatCalendarAsRelevant!: boolean;

  // Bumped by every update; the settings service can compare it to refuse
  // an update based on a stale read (optimistic concurrency).
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
