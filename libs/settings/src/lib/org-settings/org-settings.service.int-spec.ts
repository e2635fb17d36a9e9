import { randomUUID } from 'node:crypto';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import {
  AuditEventRepository,
  SYSTEM_ACTOR,
} from '@headersync/domain-persistence';
import {
  createOrganization,
  createTestDatabase,
  createUser,
  type TestDatabase,
} from '@headersync/domain-persistence/testing';
import {
  OrgSettingsConflictError,
  OrgSettingsValidationError,
} from './org-settings.error.js';
import {
  ORG_EMAIL_SETTINGS_UPDATE_ACTION,
  OrgSettingsService,
} from './org-settings.service.js';

async function auditCount(db: TestDatabase, orgId: string): Promise<number> {
  const rows = await db.dataSource.query<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "audit_event" WHERE "org_id" = $1`,
    [orgId],
  );
  return rows[0]?.n ?? -1;
}

describe('OrgSettingsService (real PostgreSQL)', () => {
  let db: TestDatabase;
  let service: OrgSettingsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = OrgSettingsService.fromDataSource(db.dataSource);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('reads the defaults for an org that never saved settings', async () => {
    const org = await createOrganization(db.dataSource);
    const read = await service.get(org.id);
    expect(read.settings).toEqual(DEFAULT_ORG_EMAIL_SETTINGS);
    expect(read.version).toBe(1);
  });

  it('writes the update and its audit event (who, when, before, after) together', async () => {
    const org = await createOrganization(db.dataSource);
    const admin = await createUser(db.dataSource, org.id, {
      email: 'admin@contoso.example',
    });
    const startedAt = new Date(Date.now() - 1000);
    const saved = await service.update(
      org.id,
      { userId: admin.id, label: admin.email },
      {
        headerBasedSync: true,
        internalDomains: ['Contoso.example'],
        backfillDays: 30,
      },
    );
    expect(saved.settings).toMatchObject({
      headerBasedSync: true,
      internalDomains: ['contoso.example'],
      backfillDays: 30,
    });
    expect(saved.version).toBe(2);
    expect((await service.get(org.id)).settings.headerBasedSync).toBe(true);

    const [event] = await new AuditEventRepository(db.dataSource).list(org.id, {
      limit: 10,
    });
    expect(event).toMatchObject({
      actorUserId: admin.id,
      actorLabel: 'admin@contoso.example',
      action: ORG_EMAIL_SETTINGS_UPDATE_ACTION,
      entity: 'org_email_settings',
      entityId: org.id,
      before: {
        headerBasedSync: false,
        internalDomains: [],
        backfillDays: 90,
        version: 1,
      },
      after: {
        headerBasedSync: true,
        internalDomains: ['contoso.example'],
        backfillDays: 30,
        version: 2,
      },
    });
    expect(event?.at.getTime()).toBeGreaterThanOrEqual(startedAt.getTime());
    expect(await auditCount(db, org.id)).toBe(1);
  });

  it('a failing validation writes nothing and names the field', async () => {
    const org = await createOrganization(db.dataSource);
    const before = await service.get(org.id);
    const failure = service.update(org.id, SYSTEM_ACTOR, {
      headerBasedSync: true,
      backfillDays: 0,
    });
    await expect(failure).rejects.toBeInstanceOf(OrgSettingsValidationError);
    await expect(failure).rejects.toMatchObject({
      issues: [{ field: 'backfillDays' }],
    });
    expect(await service.get(org.id)).toEqual(before);
    expect(await auditCount(db, org.id)).toBe(0);
  });

  it('rolls the settings back when the audit event cannot be written', async () => {
    const org = await createOrganization(db.dataSource);
    // An actor id that is no user: the audit insert fails on its foreign key
    // after the settings row was updated in the same transaction.
    await expect(
      service.update(
        org.id,
        { userId: randomUUID(), label: 'ghost' },
        { headerBasedSync: true },
      ),
    ).rejects.toMatchObject({ constraint: 'fk_audit_event_actor_user_id' });
    const after = await service.get(org.id);
    expect(after.settings.headerBasedSync).toBe(false);
    expect(after.version).toBe(1);
    expect(await auditCount(db, org.id)).toBe(0);
  });

  it('refuses an update based on a stale version, and records nothing for a no-op', async () => {
    const org = await createOrganization(db.dataSource);
    await service.update(
      org.id,
      SYSTEM_ACTOR,
      { ignorePrivate: false },
      { expectedVersion: 1 },
    );
    await expect(
      service.update(
        org.id,
        SYSTEM_ACTOR,
        { ignorePrivate: true },
        { expectedVersion: 1 },
      ),
    ).rejects.toBeInstanceOf(OrgSettingsConflictError);
    const noop = await service.update(org.id, SYSTEM_ACTOR, {
      ignorePrivate: false,
    });
    expect(noop.version).toBe(2);
    expect(await auditCount(db, org.id)).toBe(1);
  });

  it('serialises concurrent updates: each one audited, none lost', async () => {
    const org = await createOrganization(db.dataSource);
    await Promise.all([
      service.update(org.id, SYSTEM_ACTOR, { headerBasedSync: true }),
      service.update(org.id, SYSTEM_ACTOR, { backfillDays: 10 }),
      service.update(org.id, SYSTEM_ACTOR, {
        blockedAddresses: ['x@spam.example'],
      }),
    ]);
    const final = await service.get(org.id);
    expect(final.settings).toMatchObject({
      headerBasedSync: true,
      backfillDays: 10,
      blockedAddresses: ['x@spam.example'],
    });
    expect(final.version).toBe(4);
    expect(await auditCount(db, org.id)).toBe(3);
  });
});
