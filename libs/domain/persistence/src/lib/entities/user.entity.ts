import { USER_ROLES, type UserRole } from '@headersync/domain-model';
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

@Entity({ name: 'app_user' }) // "user" is reserved in PostgreSQL.
@Index('uq_app_user_org_email', ['orgId', 'email'], { unique: true })
// Sign-in looks a user up by email before the org is known.
@Index('idx_app_user_email', ['email'])
@Index('uq_app_user_org_entra_object_id', ['orgId', 'entraObjectId'], {
  unique: true,
  where: '"entra_object_id" IS NOT NULL',
})
@Check('chk_app_user_email_lowercase', '"email" = lower("email")')
@Check('chk_app_user_role', checkIn('role', USER_ROLES))
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  /** scrypt/argon2 PHC string; null for users who only sign in with Microsoft. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'integer', default: 0 })
  failedSignInCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** Entra ID "oid" claim, set on first Microsoft sign-in. */
  @Column({ type: 'text', nullable: true })
  entraObjectId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
