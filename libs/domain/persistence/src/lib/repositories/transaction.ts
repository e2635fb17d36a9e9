import type { DataSource, EntityManager } from 'typeorm';

/**
 * A running database transaction, passed to repository methods that must
 * commit together. Opaque to callers: only repositories read `manager`.
 */
export interface Tx {
  readonly manager: EntityManager;
}

/** Runs a unit of work in one READ COMMITTED transaction (rolled back on throw). */
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work({ manager }));
  }
}

/** The manager of `tx`, or the data source's own (autocommit) manager. */
export function managerOf(dataSource: DataSource, tx?: Tx): EntityManager {
  return tx?.manager ?? dataSource.manager;
}

/**
 * Runs SQL and returns its rows. EntityManager.query returns [rows, count]
 * for UPDATE/DELETE ... RETURNING on PostgreSQL; the structured result does
 * not depend on the command.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
