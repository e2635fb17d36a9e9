#!/usr/bin/env node
// Launcher for src/cli/db.cli.ts: loads TypeScript through @swc-node/register
// with this lib's tsconfig (legacy decorators, which TypeORM needs), so the
// root scripts work right after `npm ci` without a build.
//   npm run db:migrate
//   npm run db:migration:generate -- AddSomething
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  [
    '--import',
    '@swc-node/register/esm-register',
    join(root, 'src/cli/db.cli.ts'),
    ...process.argv.slice(2),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.lib.json') },
  },
);
process.exit(result.status ?? 1);
