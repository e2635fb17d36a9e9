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
import { OrganizationEntity } from './organization.entity.js';

@Entity({ name: 'prospect' })
// Also serves ProspectRepository.findMatching: email = ANY($addresses).
@Index('uq_prospect_org_email', ['orgId', 'email'], { unique: true })
@Index('idx_prospect_org_account_domain', ['orgId', 'accountDomain'])
@Check('chk_prospect_email_lowercase', '"email" = lower("email")')
@Check(
  'chk_prospect_account_domain_lowercase',
  '"account_domain" = lower("account_domain")',
)
export class ProspectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  /** Normalised: trimmed and lowercased. */
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', nullable: true })
  accountDomain!: string | null;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
