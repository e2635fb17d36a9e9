/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'check-bundle.mjs');

/** A made-up app folder: dist/ with one entry chunk and the module list vite would write. */
function fakeBuild(modules: string[], code = 'console.log("hi");'): string {
  const root = mkdtempSync(join(tmpdir(), 'check-bundle-'));
  mkdirSync(join(root, 'dist/assets'), { recursive: true });
  mkdirSync(join(root, 'test-output/bundle-report'), { recursive: true });
  writeFileSync(join(root, 'dist/assets/index-abc.js'), code);
  writeFileSync(
    join(root, 'test-output/bundle-report/modules.json'),
    JSON.stringify({
      chunks: [{ fileName: 'assets/index-abc.js', isEntry: true, modules }],
    }),
  );
  return root;
}

function run(root: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [SCRIPT, root], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe('check-bundle', () => {
  const roots: string[] = [];
  afterAll(() =>
    roots.forEach((r) => rmSync(r, { recursive: true, force: true })),
  );

  it('passes a browser-only bundle and prints the main bundle size', () => {
    const root = fakeBuild([
      '/repo/node_modules/react/index.js',
      '/repo/libs/header-classifier/src/index.ts',
    ]);
    roots.push(root);
    const { status, output } = run(root);
    expect(status).toBe(0);
    expect(output).toMatch(
      /main bundle assets\/index-abc\.js: 0\.0 KiB \(0\.0 KiB gzip\)/,
    );
  });

  it.each([
    ['/repo/node_modules/typeorm/index.mjs', 'server-side package typeorm'],
    [
      '/repo/node_modules/@nestjs/common/index.js',
      'server-side package @nestjs/common',
    ],
    [
      '/repo/libs/domain/persistence/src/index.ts',
      'server-side package @headersync/domain-persistence',
    ],
    ['node:fs', 'Node-only module node:fs'],
    ['crypto', 'Node-only module crypto'],
  ])('fails when the bundle holds %s', (moduleId, reason) => {
    const root = fakeBuild(['/repo/node_modules/react/index.js', moduleId]);
    roots.push(root);
    const { status, output } = run(root);
    expect(status).toBe(1);
    expect(output).toContain(reason);
  });

  it('fails when the emitted code imports a Node built-in', () => {
    const root = fakeBuild([], 'import{readFileSync}from"node:fs";');
    roots.push(root);
    expect(run(root)).toMatchObject({ status: 1 });
  });
});
