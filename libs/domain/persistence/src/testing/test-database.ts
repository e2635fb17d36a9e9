import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DatabaseLogSink } from '../lib/data-source/safe.logger.js';
import {
  createDataSource,
  runMigrations,
} from '../lib/data-source/data-source.js';
import {
  dropDatabase,
  ensureDatabaseExists,
} from '../lib/data-source/ensure-database.js';

/** The machine's PostgreSQL (trust auth for user postgres), as in DEVELOPERS.md. */
export const TEST_SERVER_URL = 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  readonly dataSource: DataSource;
  readonly databaseUrl: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Server URL without a database; default TEST_DATABASE_SERVER_URL or TEST_SERVER_URL. */
  readonly serverUrl?: string;
  /** Apply the real migrations (default true). */
  readonly migrate?: boolean;
  /** Receives the data source's log lines (to assert on them). */
  readonly log?: DatabaseLogSink;
}

/**
 * A uniquely named database (hs_test_<pid>_<random>) on the real server,
 * with the real migrations applied, for one test file.
 */
export async function createTestDatabase(
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const serverUrl = new URL(
    options.serverUrl ??
      process.env['TEST_DATABASE_SERVER_URL'] ??
      TEST_SERVER_URL,
  );
  serverUrl.pathname = `/hs_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = serverUrl.toString();
  await ensureDatabaseExists(databaseUrl);
  const dataSource = createDataSource(databaseUrl, {
    poolSize: 4,
    applicationName: 'headersync-test',
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    await dataSource.initialize();
    if (options.migrate !== false) await runMigrations(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(databaseUrl);
    throw error;
  }
  return {
    dataSource,
    databaseUrl,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropDatabase(databaseUrl);
    },
  };
}
