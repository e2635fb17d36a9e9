import {
  GRAPH_CREDENTIAL_KINDS,
  GRAPH_CREDENTIAL_PURPOSES,
  type GraphCredentialKind,
  type GraphCredentialPurpose,
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

/**
 * A tenant's app registration. The secret (client secret, or certificate
 * private key and chain) is stored only as AES-256-GCM ciphertext: see
 * SecretCipher. Only GraphCredentialRepository reads or writes these rows.
 */
@Entity({ name: 'graph_credential' })
@Index('uq_graph_credential_org_purpose', ['orgId', 'purpose'], {
  unique: true,
})
@Index('idx_graph_credential_key_version', ['keyVersion'])
@Check(
  'chk_graph_credential_purpose',
  checkIn('purpose', GRAPH_CREDENTIAL_PURPOSES),
)
@Check('chk_graph_credential_kind', checkIn('kind', GRAPH_CREDENTIAL_KINDS))
// GCM: a 96-bit IV (NIST SP 800-38D §8.2) and a full 128-bit tag.
@Check('chk_graph_credential_iv_length', 'octet_length("secret_iv") = 12')
@Check(
  'chk_graph_credential_tag_length',
  'octet_length("secret_auth_tag") = 16',
)
export class GraphCredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  org?: Relation<OrganizationEntity>;

  @Column({ type: 'text' })
  purpose!: GraphCredentialPurpose;

  @Column({ type: 'text' })
  tenantId!: string;

  @Column({ type: 'text' })
  clientId!: string;

  @Column({ type: 'text' })
  kind!: GraphCredentialKind;

  /** SHA-1 thumbprint of the certificate (public, sent to Entra as x5t). */
  @Column({ type: 'text', nullable: true })
  certificateThumbprint!: string | null;

  @Column({ type: 'bytea' })
  secretCiphertext!: Buffer;

  @Column({ type: 'bytea' })
  secretIv!: Buffer;

  @Column({ type: 'bytea' })
  secretAuthTag!: Buffer;

  @Column({ type: 'integer' })
  keyVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** When the secret was last replaced or re-encrypted under a new key. */
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
