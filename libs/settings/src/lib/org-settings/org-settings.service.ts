import {
  validateOrgEmailSettingsUpdate,
  type OrgEmailSettings,
} from '@headersync/domain-model';
import {
  AuditEventRepository,
  OrgEmailSettingsRepository,
  TransactionRunner,
  type AuditActor,
  type VersionedOrgEmailSettings,
} from '@headersync/domain-persistence';
import type { DataSource } from 'typeorm';
import {
  OrgSettingsConflictError,
  OrgSettingsValidationError,
} from './org-settings.error.js';
import { diffSettings } from './settings-diff.util.js';

export const ORG_EMAIL_SETTINGS_UPDATE_ACTION = 'org-email-settings.update';

export interface UpdateOrgSettingsOptions {
  /** Refuse the update when the stored version differs (the version the caller read). */
  readonly expectedVersion?: number;
}

/**
 * Reads and updates an org's email settings. An update is validated first
 * (nothing is written when it fails), then applied and audited in ONE
 * transaction with the settings row locked, so concurrent updates serialise
 * and every change has exactly one audit event.
 */
export class OrgSettingsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly settings: OrgEmailSettingsRepository,
    private readonly audit: AuditEventRepository,
  ) {}

  static fromDataSource(dataSource: DataSource): OrgSettingsService {
    return new OrgSettingsService(
      new TransactionRunner(dataSource),
      new OrgEmailSettingsRepository(dataSource),
      new AuditEventRepository(dataSource),
    );
  }

  get(orgId: string): Promise<VersionedOrgEmailSettings> {
    return this.settings.get(orgId);
  }

  /**
   * Applies a partial update (`input` as received, e.g. a request body).
   * Returns the stored settings; an update that changes nothing writes
   * nothing and records no event.
   */
  async update(
    orgId: string,
    actor: AuditActor,
    input: unknown,
    options: UpdateOrgSettingsOptions = {},
  ): Promise<VersionedOrgEmailSettings> {
    const validated = validateOrgEmailSettingsUpdate(input);
    if (!validated.ok) throw new OrgSettingsValidationError(validated.issues);

    return this.transactions.run(async (tx) => {
      const current = await this.settings.getForUpdate(orgId, tx);
      if (
        options.expectedVersion !== undefined &&
        options.expectedVersion !== current.version
      ) {
        throw new OrgSettingsConflictError(
          options.expectedVersion,
          current.version,
        );
      }
      const next: OrgEmailSettings = {
        ...current.settings,
        ...validated.value,
      };
      const diff = diffSettings(current.settings, next);
      if (Object.keys(diff.after).length === 0) return current;

      const saved = await this.settings.save(orgId, next, tx);
      await this.audit.record(
        {
          orgId,
          actor,
          action: ORG_EMAIL_SETTINGS_UPDATE_ACTION,
          entity: 'org_email_settings',
          entityId: orgId,
          before: { ...diff.before, version: current.version },
          after: { ...diff.after, version: saved.version },
        },
        tx,
      );
      return saved;
    });
  }
}
