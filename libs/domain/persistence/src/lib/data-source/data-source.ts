import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities/index.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { SafeDatabaseLogger, type DatabaseLogSink } from './safe.logger.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

export const DEFAULT_DATABASE_URL =
  'postgres://postgres@127.0.0.1:5432/headersync';

export interface DataSourceTuning {
  /** pg pool size; default 10. */
  readonly poolSize?: number;
  readonly applicationName?: string;
  /** Receives database errors and warnings (never parameters); default JSON lines on stderr. */
  readonly log?: DatabaseLogSink;
  /** Queries slower than this many ms are logged (statement only); default 2000. */
  readonly slowQueryMs?: number;
}

/**
 * Options shared by the apps (TypeOrmModule.forRoot), the CLI and tests.
 * Schema changes only ever come from MIGRATIONS: synchronize stays off and
 * migrationsRun stays off (one `npm run db:migrate` runs before the apps).
 */
export function createDataSourceOptions(
  databaseUrl: string,
  tuning: DataSourceTuning = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to
    // install, and nothing is installed at connect time.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    // Never log queries or their parameters: they carry message content.
    logger: new SafeDatabaseLogger(tuning.log),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: tuning.slowQueryMs ?? 2000,
    poolSize: tuning.poolSize ?? 10,
    applicationName: tuning.applicationName ?? 'headersync',
  };
}

export function createDataSource(
  databaseUrl: string,
  tuning?: DataSourceTuning,
): DataSource {
  return new DataSource(createDataSourceOptions(databaseUrl, tuning));
}

/** Applies pending migrations; returns the names of those applied. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** Reverts every applied migration, newest first; returns how many. */
export async function revertAllMigrations(
  dataSource: DataSource,
): Promise<number> {
  let reverted = 0;
  while ((await appliedMigrationCount(dataSource)) > 0) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    reverted += 1;
  }
  return reverted;
}

async function appliedMigrationCount(dataSource: DataSource): Promise<number> {
  const rows = await dataSource.query<{ n: number | null }[]>(
    `SELECT CASE WHEN to_regclass('migrations') IS NULL THEN 0
            ELSE (SELECT count(*)::int FROM migrations) END AS n`,
  );
  return rows[0]?.n ?? 0;
}
