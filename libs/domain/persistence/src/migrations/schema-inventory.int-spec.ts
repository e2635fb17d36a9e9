import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database.js';

// Data minimisation by construction: ignored email may leave only counts
// (sync_run.ignored) behind. This inventory of every column of the migrated
// schema makes any new place that could hold message data (an id, subject,
// address or header) a reviewed change: the snapshot must be updated with it.
describe('schema inventory (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('matches the reviewed list of tables and columns', async () => {
    const rows = await db.dataSource.query<
      { table_name: string; column_name: string; data_type: string }[]
    >(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'migrations'
       ORDER BY table_name, ordinal_position`,
    );
    const inventory: Record<string, string[]> = {};
    for (const r of rows)
      (inventory[r.table_name] ??= []).push(`${r.column_name}: ${r.data_type}`);
    expect(inventory).toMatchSnapshot();
  });

  it('holds message content only in stored_message, which only relevant mail reaches', async () => {
    const rows = await db.dataSource.query<{ table_name: string }[]>(
      `SELECT DISTINCT table_name FROM information_schema.columns
       WHERE table_schema = 'public'
         AND column_name IN ('subject', 'body_content', 'headers', 'participants', 'participant_addresses', 'internet_message_id')`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(['stored_message']);
    const graphIds = await db.dataSource.query<{ table_name: string }[]>(
      `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'graph_id'`,
    );
    // Graph ids of messages live only beside a stored message (mailbox_message.stored_message_id is NOT NULL).
    expect(graphIds.map((r) => r.table_name)).toEqual(['mailbox_message']);
  });
});
