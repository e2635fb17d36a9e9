import { DataSource } from 'typeorm';

/** The database name of a postgres:// URL. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(
    new URL(databaseUrl).pathname.replace(/^\//, ''),
  );
  if (name.length === 0) {
    throw new Error(
      'DATABASE_URL names no database (expected postgres://host:port/<name>)',
    );
  }
  return name;
}

/** The same server, the `postgres` maintenance database. */
export function maintenanceUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `fn` against the server's maintenance database with a one-connection pool. */
export async function withMaintenanceDatabase<T>(
  databaseUrl: string,
  fn: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: maintenanceUrlOf(databaseUrl),
    poolSize: 1,
    logging: false,
  });
  await dataSource.initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Creates the URL's database when it does not exist yet (CREATE DATABASE
 * has no IF NOT EXISTS in PostgreSQL). Returns true when it was created.
 */
export async function ensureDatabaseExists(
  databaseUrl: string,
): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  return withMaintenanceDatabase(databaseUrl, async (ds) => {
    const found = await ds.query<unknown[]>(
      'SELECT 1 FROM pg_database WHERE datname = $1',
      [name],
    );
    if (found.length > 0) return false;
    try {
      await ds.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    } catch (error) {
      // 42P04 duplicate_database: another process created it meanwhile.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
    return true;
  });
}

/** Drops the URL's database, closing other sessions on it first (WITH (FORCE), PostgreSQL 13+). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  await withMaintenanceDatabase(databaseUrl, async (ds) => {
    await ds.query(
      `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`,
    );
  });
}
