// Database commands for development and deployment (see scripts/db.mjs):
//   migrate              create the database if missing, apply pending migrations
//   revert               undo the newest migration
//   generate <VerbNoun>  write src/migrations/<timestamp>-<VerbNoun>.ts from the
//                        entities' diff against a scratch database at the
//                        current migrations, and list it in src/migrations/index.ts
// A CLI entry point, so it reads DATABASE_URL itself.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createDataSource,
  DEFAULT_DATABASE_URL,
  runMigrations,
} from '../lib/data-source/data-source.js';
import {
  dropDatabase,
  ensureDatabaseExists,
} from '../lib/data-source/ensure-database.js';

const LIB_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MIGRATIONS_DIR = join(LIB_ROOT, 'src', 'migrations');

function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

async function migrate(databaseUrl: string): Promise<void> {
  if (await ensureDatabaseExists(databaseUrl))
    console.log(`Created database ${redact(databaseUrl)}`);
  const dataSource = createDataSource(databaseUrl, {
    poolSize: 1,
    applicationName: 'headersync-migrate',
  });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(
      applied.length === 0
        ? 'No pending migrations'
        : `Applied ${applied.join(', ')}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

async function revert(databaseUrl: string): Promise<void> {
  const dataSource = createDataSource(databaseUrl, {
    poolSize: 1,
    applicationName: 'headersync-migrate',
  });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

function writeMigrationIndex(): void {
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d+-[A-Za-z0-9]+\.ts$/.test(f))
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));
  const classes = files.map((f) => {
    const [timestamp, name] = f.replace(/\.ts$/, '').split('-');
    return {
      file: f.replace(/\.ts$/, '.js'),
      className: `${name}${timestamp}`,
    };
  });
  const lines = [
    '// Every migration class, oldest first. An explicit list instead of a glob so',
    "// the apps' webpack bundles carry them. Written by `npm run db:migration:generate`.",
    ...classes.map((c) => `import { ${c.className} } from './${c.file}';`),
    '',
    `export const MIGRATIONS = [${classes.map((c) => c.className).join(', ')}];`,
    '',
  ];
  writeFileSync(join(MIGRATIONS_DIR, 'index.ts'), lines.join('\n'));
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? 'a signal'}`,
    );
}

async function generate(
  databaseUrl: string,
  name: string | undefined,
): Promise<void> {
  if (!name || !/^[A-Z][a-z]+[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(
      'Usage: npm run db:migration:generate -- <VerbNoun>, e.g. AddProspectSource',
    );
  }
  const scratch = new URL(databaseUrl);
  scratch.pathname = `/hs_migration_gen_${process.pid}_${randomBytes(3).toString('hex')}`;
  const scratchUrl = scratch.toString();
  await migrate(scratchUrl);
  try {
    const typeormCli = join(
      LIB_ROOT,
      '..',
      '..',
      '..',
      'node_modules',
      'typeorm',
      'cli.js',
    );
    run(
      process.execPath,
      [
        ...process.execArgv,
        typeormCli,
        'migration:generate',
        join(MIGRATIONS_DIR, name),
        '-d',
        join(LIB_ROOT, 'src', 'cli', 'data-source.cli.ts'),
      ],
      { ...process.env, DATABASE_URL: scratchUrl },
    );
  } finally {
    await dropDatabase(scratchUrl);
  }
  writeMigrationIndex();
  // House style: Prettier, and type-only imports (the template imports
  // MigrationInterface and QueryRunner as values).
  const workspaceBin = join(LIB_ROOT, '..', '..', '..', 'node_modules', '.bin');
  run(join(workspaceBin, 'eslint'), ['--fix', MIGRATIONS_DIR]);
  run(join(workspaceBin, 'prettier'), ['--write', MIGRATIONS_DIR]);
  console.log(
    'Read the new migration before committing it: generated SQL is a proposal.',
  );
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  switch (command) {
    case 'migrate':
      return migrate(databaseUrl);
    case 'revert':
      return revert(databaseUrl);
    case 'generate':
      return generate(databaseUrl, rest[0]);
    default:
      throw new Error('Usage: db.cli <migrate|revert|generate VerbNoun>');
  }
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') {
    console.error(
      `PostgreSQL does not answer at ${redact(process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL)}: start it (see DEVELOPERS.md) or set DATABASE_URL`,
    );
  } else {
    console.error(error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});
