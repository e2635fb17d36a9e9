import type { OrgEmailSettings } from '@headersync/domain-model';
import type { DataSource } from 'typeorm';
import { OrgEmailSettingsEntity } from '../entities/org-email-settings.entity.js';
import { managerOf, queryRows, type Tx } from './transaction.js';

export interface VersionedOrgEmailSettings {
  readonly settings: OrgEmailSettings;
  readonly version: number;
  readonly updatedAt: Date;
}

function toModel(row: OrgEmailSettingsEntity): VersionedOrgEmailSettings {
  return {
    settings: {
      headerBasedSync: row.headerBasedSync,
      internalDomains: row.internalDomains,
      blockedDomains: row.blockedDomains,
      blockedAddresses: row.blockedAddresses,
      allowedDomains: row.allowedDomains,
      allowedAddresses: row.allowedAddresses,
      folders: row.folders,
      backfillDays: row.backfillDays,
      ignorePrivate: row.ignorePrivate,
      sensitiveSubjectTerms: row.sensitiveSubjectTerms,
      matchProspectsByDomain: row.matchProspectsByDomain,
      treatCalendarAsRelevant: row.treatCalendarAsRelevant,
    },
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export class OrgEmailSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The org's settings; the row (with the column defaults) is created on first read. */
  async get(orgId: string, tx?: Tx): Promise<VersionedOrgEmailSettings> {
    return toModel(await this.load(orgId, false, tx));
  }

  /** As get, with the row locked (SELECT ... FOR UPDATE) until `tx` ends. */
  async getForUpdate(
    orgId: string,
    tx: Tx,
  ): Promise<VersionedOrgEmailSettings> {
    return toModel(await this.load(orgId, true, tx));
  }

  /** Writes the full settings and bumps the version; returns the stored state. */
  async save(
    orgId: string,
    settings: OrgEmailSettings,
    tx: Tx,
  ): Promise<VersionedOrgEmailSettings> {
    const repo = tx.manager.getRepository(OrgEmailSettingsEntity);
    await repo
      .createQueryBuilder()
      .update()
      .set({
        headerBasedSync: settings.headerBasedSync,
        internalDomains: [...settings.internalDomains],
        blockedDomains: [...settings.blockedDomains],
        blockedAddresses: [...settings.blockedAddresses],
        allowedDomains: [...settings.allowedDomains],
        allowedAddresses: [...settings.allowedAddresses],
        folders: [...settings.folders],
        backfillDays: settings.backfillDays,
        ignorePrivate: settings.ignorePrivate,
        sensitiveSubjectTerms: [...settings.sensitiveSubjectTerms],
        matchProspectsByDomain: settings.matchProspectsByDomain,
        treatCalendarAsRelevant: settings.treatCalendarAsRelevant,
        version: () => '"version" + 1',
      })
      .where('orgId = :orgId', { orgId })
      .execute();
    return this.get(orgId, tx);
  }

  private async load(
    orgId: string,
    lock: boolean,
    tx?: Tx,
  ): Promise<OrgEmailSettingsEntity> {
    const manager = managerOf(this.dataSource, tx);
    await queryRows(
      manager,
      `INSERT INTO "org_email_settings" ("org_id") VALUES ($1) ON CONFLICT ("org_id") DO NOTHING`,
      [orgId],
    );
    const qb = manager
      .getRepository(OrgEmailSettingsEntity)
      .createQueryBuilder('s')
      .where('s.orgId = :orgId', { orgId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOneOrFail();
  }
}
