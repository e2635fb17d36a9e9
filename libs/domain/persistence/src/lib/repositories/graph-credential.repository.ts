import type {
  GraphCredentialKind,
  GraphCredentialPurpose,
} from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import type { SecretCipher } from '../crypto/secret-cipher.js';
import { GraphCredentialEntity } from '../entities/graph-credential.entity.js';
import { managerOf, type Tx } from './transaction.js';

export interface GraphCredentialInput {
  readonly orgId: string;
  readonly purpose: GraphCredentialPurpose;
  readonly tenantId: string;
  readonly clientId: string;
  readonly kind: GraphCredentialKind;
  /** Client secret, or PEM private key (+ certificate chain) for kind "certificate". */
  readonly secret: string;
  readonly certificateThumbprint?: string | null;
}

/** What may leave the repository without the secret: safe to return from the API. */
export interface GraphCredentialInfo {
  readonly id: string;
  readonly orgId: string;
  readonly purpose: GraphCredentialPurpose;
  readonly tenantId: string;
  readonly clientId: string;
  readonly kind: GraphCredentialKind;
  readonly certificateThumbprint: string | null;
  readonly keyVersion: number;
  readonly createdAt: Date;
  readonly rotatedAt: Date | null;
}

export interface DecryptedGraphCredential extends GraphCredentialInfo {
  readonly secret: string;
}

// Binds each ciphertext to its row's owner and purpose (GCM additional
// authenticated data): a ciphertext moved to another org's row will not decrypt.
function aadOf(orgId: string, purpose: GraphCredentialPurpose): string {
  return `graph-credential:${orgId}:${purpose}`;
}

function infoOf(row: GraphCredentialEntity): GraphCredentialInfo {
  return {
    id: row.id,
    orgId: row.orgId,
    purpose: row.purpose,
    tenantId: row.tenantId,
    clientId: row.clientId,
    kind: row.kind,
    certificateThumbprint: row.certificateThumbprint,
    keyVersion: row.keyVersion,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt,
  };
}

export class GraphCredentialRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  /** Creates or replaces the org's credential for `purpose`, encrypted under the current key. */
  async save(
    input: GraphCredentialInput,
    tx?: Tx,
  ): Promise<GraphCredentialInfo> {
    const repo = managerOf(this.dataSource, tx).getRepository(
      GraphCredentialEntity,
    );
    const encrypted = this.cipher.encrypt(
      input.secret,
      aadOf(input.orgId, input.purpose),
    );
    const existing = await repo.findOne({
      where: { orgId: input.orgId, purpose: input.purpose },
    });
    const row = repo.merge(existing ?? repo.create(), {
      orgId: input.orgId,
      purpose: input.purpose,
      tenantId: input.tenantId,
      clientId: input.clientId,
      kind: input.kind,
      certificateThumbprint: input.certificateThumbprint ?? null,
      secretCiphertext: encrypted.ciphertext,
      secretIv: encrypted.iv,
      secretAuthTag: encrypted.authTag,
      keyVersion: encrypted.keyVersion,
      rotatedAt: existing ? new Date() : null,
    });
    return infoOf(await repo.save(row));
  }

  async list(orgId: string): Promise<GraphCredentialInfo[]> {
    const rows = await this.dataSource
      .getRepository(GraphCredentialEntity)
      .find({ where: { orgId }, order: { purpose: 'ASC' } });
    return rows.map(infoOf);
  }

  /** The credential with its secret in clear, for the token provider only. */
  async getDecrypted(
    orgId: string,
    purpose: GraphCredentialPurpose,
  ): Promise<DecryptedGraphCredential | null> {
    const row = await this.dataSource
      .getRepository(GraphCredentialEntity)
      .findOne({ where: { orgId, purpose } });
    if (!row) return null;
    const secret = this.cipher.decrypt(
      {
        ciphertext: row.secretCiphertext,
        iv: row.secretIv,
        authTag: row.secretAuthTag,
        keyVersion: row.keyVersion,
      },
      aadOf(row.orgId, row.purpose),
    );
    return { ...infoOf(row), secret };
  }

  async delete(
    orgId: string,
    purpose: GraphCredentialPurpose,
  ): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(GraphCredentialEntity)
      .delete({ orgId, purpose });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Key rotation: re-encrypts every credential not under the key ring's
   * current version, row by row under FOR UPDATE, in one transaction.
   * Returns how many rows were re-encrypted. Run it after adding the new key
   * as current; drop the old key only once it returns.
   */
  async reencryptAll(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(GraphCredentialEntity);
      const stale = await repo
        .createQueryBuilder('c')
        .where('c.keyVersion <> :current', {
          current: this.cipher.currentVersion,
        })
        .setLock('pessimistic_write')
        .getMany();
      for (const row of stale) {
        const rotated = this.cipher.rotate(
          {
            ciphertext: row.secretCiphertext,
            iv: row.secretIv,
            authTag: row.secretAuthTag,
            keyVersion: row.keyVersion,
          },
          aadOf(row.orgId, row.purpose),
        );
        await repo.update(
          { id: row.id },
          {
            secretCiphertext: rotated.ciphertext,
            secretIv: rotated.iv,
            secretAuthTag: rotated.authTag,
            keyVersion: rotated.keyVersion,
            rotatedAt: new Date(),
          },
        );
      }
      return stale.length;
    });
  }
}
