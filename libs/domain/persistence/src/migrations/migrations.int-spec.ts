import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database.js';
import { MIGRATIONS } from './index.js';
import {
  revertAllMigrations,
  runMigrations,
} from '../lib/data-source/data-source.js';

async function userTables(db: TestDatabase): Promise<string[]> {
  const rows = await db.dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('apply on an empty database, leave the schema equal to the entities, and revert to nothing', async () => {
    expect(await userTables(db)).toEqual([]);

    const applied = await runMigrations(db.dataSource);
    expect(applied).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await userTables(db)).toEqual(
      expect.arrayContaining([
        'account',
        'api_token',
        'app_user',
        'audit_event',
        'graph_credential',
        'mailbox',
        'mailbox_folder_state',
        'mailbox_message',
        'migrations',
        'org_email_settings',
        'organization',
        'prospect',
        'stored_message',
        'sync_run',
      ]),
    );

    // The entities need no schema change beyond the migrations: what
    // `typeorm schema:log` would print is empty.
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);

    // Hand-written GIN indexes are in place.
    const gin = await db.dataSource.query<{ indexname: string }[]>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'stored_message' AND indexdef LIKE '%USING gin%' ORDER BY 1`,
    );
    expect(gin.map((r) => r.indexname)).toEqual([
      'idx_stored_message_matched_prospects',
      'idx_stored_message_participant_addresses',
    ]);

    expect(await runMigrations(db.dataSource)).toEqual([]);

    expect(await revertAllMigrations(db.dataSource)).toBe(MIGRATIONS.length);
    // Only TypeORM's own bookkeeping table remains.
    expect(await userTables(db)).toEqual(['migrations']);
    const indexes = await db.dataSource.query<unknown[]>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(indexes).toEqual([]);

    // And they apply again after a full revert.
    expect(await runMigrations(db.dataSource)).toHaveLength(MIGRATIONS.length);
  });
});
