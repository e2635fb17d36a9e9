import type { Logger } from 'typeorm';

export type DatabaseLogLevel = 'info' | 'warn' | 'error';

/** Where database log lines go; the apps pass their structured logger. */
export type DatabaseLogSink = (
  level: DatabaseLogLevel,
  message: string,
  fields: Record<string, unknown>,
) => void;

const STDERR_SINK: DatabaseLogSink = (level, message, fields) => {
  process.stderr.write(
    `${JSON.stringify({ level, msg: message, component: 'database', ...fields })}\n`,
  );
};

/** The SQL verb and first table only: statements carry no values, but keep lines short. */
function statementOf(query: string): string {
  return query.replace(/\s+/g, ' ').trim().slice(0, 80);
}

/**
 * A TypeORM logger that never logs query parameters or PostgreSQL's error
 * `detail` (both can hold message content, subjects or addresses: the
 * "Key (...)=(...) already exists" detail of a unique violation quotes the
 * row). It logs the error's SQLSTATE, constraint and message, which name
 * schema objects only.
 */
export class SafeDatabaseLogger implements Logger {
  constructor(private readonly sink: DatabaseLogSink = STDERR_SINK) {}

  logQuery(): void {
    // Queries are not logged at all.
  }

  logQueryError(error: string | Error, query: string): void {
    const e = error as { code?: string; constraint?: string; message?: string };
    this.sink('error', 'database query failed', {
      sqlState: e.code,
      constraint: e.constraint,
      error: typeof error === 'string' ? error : e.message,
      statement: statementOf(query),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.sink('warn', 'slow database query', {
      ms: time,
      statement: statementOf(query),
    });
  }

  logSchemaBuild(): void {
    // Schema builds never run (synchronize is off).
  }

  logMigration(message: string): void {
    this.sink('info', message, {});
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.sink(level === 'warn' ? 'warn' : 'info', String(message), {});
  }
}
