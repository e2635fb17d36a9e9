// The published package: `npm pack`, installed into a temporary project and
// used from plain Node through both `import` and `require`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROJECT = join(__dirname, '../..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    },
  });

describe('the npm package', () => {
  let dir: string;
  let tarball: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-pack-'));
    npm(['pack', '--pack-destination', dir, '--silent'], PROJECT);
    const file = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    if (!file) throw new Error('npm pack produced no tarball');
    tarball = join(dir, file);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }),
    );
    // No registry needed: the package has no dependencies.
    npm(
      [
        'install',
        '--offline',
        '--no-package-lock',
        '--ignore-scripts',
        tarball,
      ],
      dir,
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const script = `
    const context = m.createClassificationContext({ prospects: m.createProspectMatcher({ matchAll: true }) });
    const { message } = m.parseRawHeaders('From: MAILER-DAEMON@mx.example\\nSubject: Undeliverable: x\\n\\n');
    console.log(JSON.stringify(m.classifyHeaders(message, context)));`;

  it('works through require (CommonJS)', () => {
    writeFileSync(
      join(dir, 'use.cjs'),
      `const m = require('@headersync/header-classifier');${script}`,
    );
    const out = JSON.parse(
      execFileSync(process.execPath, ['use.cjs'], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    expect(out).toMatchObject({ kind: 'bounce', action: 'fetch' });
  });

  it('works through import (ESM)', () => {
    writeFileSync(
      join(dir, 'use.mjs'),
      `import * as m from '@headersync/header-classifier';${script}`,
    );
    const out = JSON.parse(
      execFileSync(process.execPath, ['use.mjs'], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    expect(out).toMatchObject({ kind: 'bounce', action: 'fetch' });
  });

  it('ships only the builds, README and CHANGELOG, with types for both', () => {
    const list = execFileSync('tar', ['-tzf', tarball], {
      encoding: 'utf8',
    }).split('\n');
    expect(list).toEqual(
      expect.arrayContaining([
        'package/dist/esm/index.js',
        'package/dist/esm/index.d.ts',
        'package/dist/cjs/index.js',
        'package/dist/cjs/index.d.ts',
        'package/dist/cjs/package.json',
        'package/README.md',
        'package/CHANGELOG.md',
      ]),
    );
    expect(
      list.filter(
        (f) =>
          f.includes('fixtures') ||
          f.includes('/src/') ||
          f.endsWith('.spec.js'),
      ),
    ).toEqual([]);
  });

  it('declares no runtime dependency', () => {
    const pkg = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.exports['.'].require.types).toBe('./dist/cjs/index.d.ts');
  });
});
