import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// Proves the dependency rules in eslint.config.mjs bite: a probe file that
// makes a forbidden import is linted with the project's own ESLint config and
// must fail. Probes live under the project's ignored test-output folder so the
// project's regular lint, which may run at the same time, never sees them.
const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const ESLINT = join(ROOT, 'node_modules/eslint/bin/eslint.js');

interface LintOutcome {
  exitCode: number;
  messages: { ruleId: string | null; message: string }[];
}

async function lintProbe(
  projectDir: string,
  fileName: string,
  source: string,
): Promise<LintOutcome> {
  const dir = join(
    ROOT,
    projectDir,
    'test-output',
    `boundary-probe-${process.pid}`,
  );
  await mkdir(dir, { recursive: true });
  const probe = join(dir, fileName);
  const config = join(dir, 'eslint.config.mjs');
  await writeFile(probe, source);
  // The project's config, with type-aware rules off: the probe is in no tsconfig.
  await writeFile(
    config,
    [
      `import project from '${join(ROOT, projectDir, 'eslint.config.mjs')}';`,
      `import tseslint from 'typescript-eslint';`,
      `export default [...project, { files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }];`,
    ].join('\n'),
  );
  try {
    const { stdout } = await run(
      process.execPath,
      [ESLINT, '--no-ignore', '--format', 'json', '--config', config, probe],
      {
        cwd: join(ROOT, projectDir),
        env: { ...process.env, NX_DAEMON: 'false' },
      },
    ).catch((error: { code?: number; stdout?: string }) => {
      if (typeof error.code === 'number' && error.stdout !== undefined) {
        return { stdout: error.stdout, exitCode: error.code };
      }
      throw error;
    });
    const [result] = JSON.parse(stdout) as {
      messages: LintOutcome['messages'];
    }[];
    const messages = result?.messages ?? [];
    return { exitCode: messages.some(() => true) ? 1 : 0, messages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function ruleIds(outcome: LintOutcome): (string | null)[] {
  return outcome.messages.map((m) => m.ruleId);
}

describe('module boundaries', () => {
  jest.setTimeout(120_000);

  it('refuses header-classifier (type:pure) importing domain-persistence', async () => {
    const outcome = await lintProbe(
      'libs/header-classifier',
      'probe.ts',
      "import * as persistence from '@headersync/domain-persistence';\nexport const probe = persistence;\n",
    );
    expect(outcome.exitCode).toBe(1);
    expect(ruleIds(outcome)).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses header-classifier importing any npm package or Node built-in', async () => {
    const outcome = await lintProbe(
      'libs/header-classifier',
      'probe.ts',
      "import { readFileSync } from 'node:fs';\nimport { pino } from 'pino';\nexport const probe = [readFileSync, pino];\n",
    );
    expect(ruleIds(outcome)).toEqual(
      expect.arrayContaining([
        'no-restricted-imports',
        '@nx/enforce-module-boundaries',
      ]),
    );
  });

  it('refuses the admin app importing typeorm or NestJS', async () => {
    const outcome = await lintProbe(
      'apps/admin',
      'probe.tsx',
      "import { DataSource } from 'typeorm';\nimport { Module } from '@nestjs/common';\nexport const probe = [DataSource, Module];\n",
    );
    const boundaryErrors = outcome.messages.filter(
      (m) => m.ruleId === '@nx/enforce-module-boundaries',
    );
    expect(boundaryErrors).toHaveLength(2);
  });

  it('refuses graph-client (type:integration) importing domain-persistence', async () => {
    const outcome = await lintProbe(
      'libs/graph-client',
      'probe.ts',
      "import * as persistence from '@headersync/domain-persistence';\nexport const probe = persistence;\n",
    );
    expect(ruleIds(outcome)).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses the browser tests (type:e2e) importing domain-persistence: they see the product from outside', async () => {
    const outcome = await lintProbe(
      'apps/admin-e2e',
      'probe.ts',
      "import * as persistence from '@headersync/domain-persistence';\nexport const probe = persistence;\n",
    );
    expect(ruleIds(outcome)).toContain('@nx/enforce-module-boundaries');
  });

  it('allows an app importing a data-access lib', async () => {
    const outcome = await lintProbe(
      'apps/api',
      'probe.ts',
      "import { loadConfig } from '@headersync/settings';\nexport const probe = loadConfig;\n",
    );
    expect(ruleIds(outcome)).not.toContain('@nx/enforce-module-boundaries');
  });
});
