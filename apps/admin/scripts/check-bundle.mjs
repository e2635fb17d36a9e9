// Run after `vite build` (the admin build target): fails when the production
// bundle holds a server-side or Node-only module, and prints the main bundle
// size. Reads test-output/bundle-report/modules.json, the module list vite wrote.
import { readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// The app folder; a test passes a made-up one.
const root =
  process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// Packages that have no business in a browser: the API's and worker's stack.
const FORBIDDEN_PACKAGES = [
  /^typeorm$/,
  /^@nestjs\//,
  /^pg(-.*)?$/,
  /^ioredis$/,
  /^bull$/,
  /^@azure\/msal-node$/,
  /^express$/,
  /^pino$/,
  /^class-validator$/,
  /^reflect-metadata$/,
  /^@headersync\/(domain-persistence|settings|graph-client)$/,
];
const NODE_BUILTINS = new Set(builtinModules);

function packageOf(moduleId) {
  const clean = moduleId.replace(/^\0/, '').split('?')[0];
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = clean.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const workspaceLib =
    /\/libs\/(domain\/persistence|settings|graph-client)\//.exec(clean);
  if (workspaceLib)
    return `@headersync/${workspaceLib[1].replace('domain/', 'domain-')}`;
  return undefined;
}

function isNodeOnly(moduleId) {
  const id = moduleId.replace(/^\0/, '');
  if (id.startsWith('node:')) return true;
  // Bundlers keep an unresolved built-in as a bare id ("fs", "crypto").
  return NODE_BUILTINS.has(id) || NODE_BUILTINS.has(id.replace(/\?.*$/, ''));
}

let report;
try {
  report = JSON.parse(
    readFileSync(join(root, 'test-output/bundle-report/modules.json'), 'utf8'),
  );
} catch {
  console.error(
    'check-bundle: test-output/bundle-report/modules.json is missing: run vite build first',
  );
  process.exit(1);
}

const problems = [];
for (const chunk of report.chunks) {
  for (const id of chunk.modules) {
    const pkg = packageOf(id);
    if (pkg && FORBIDDEN_PACKAGES.some((re) => re.test(pkg)))
      problems.push(`${chunk.fileName}: server-side package ${pkg} (${id})`);
    else if (isNodeOnly(id))
      problems.push(`${chunk.fileName}: Node-only module ${id}`);
  }
  // A second line of defence on the emitted code itself.
  const code = readFileSync(join(dist, chunk.fileName), 'utf8');
  for (const marker of [
    'require("fs")',
    'from"node:',
    'from "node:',
    'process.binding(',
  ]) {
    if (code.includes(marker))
      problems.push(`${chunk.fileName}: contains ${marker}`);
  }
}

if (problems.length > 0) {
  console.error(
    `check-bundle: the production build must not contain server-side or Node-only modules:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const modules = report.chunks.reduce((n, c) => n + c.modules.length, 0);
console.log(
  `check-bundle: ${modules} modules in ${report.chunks.length} chunks, none server-side or Node-only`,
);
const sizes = report.chunks.map((chunk) => {
  const code = readFileSync(join(dist, chunk.fileName));
  return {
    ...chunk,
    bytes: statSync(join(dist, chunk.fileName)).size,
    gzip: gzipSync(code).length,
  };
});
const main = sizes.filter((c) => c.isEntry);
const lazy = sizes.filter((c) => !c.isEntry).sort((a, b) => b.bytes - a.bytes);
for (const chunk of main)
  console.log(
    `check-bundle: main bundle ${chunk.fileName}: ${kb(chunk.bytes)} (${kb(chunk.gzip)} gzip)`,
  );
if (lazy.length > 0) {
  const total = lazy.reduce((n, c) => n + c.bytes, 0);
  console.log(
    `check-bundle: ${lazy.length} lazily loaded chunks, ${kb(total)} in all; largest ${lazy[0].fileName}: ${kb(lazy[0].bytes)} (${kb(lazy[0].gzip)} gzip)`,
  );
}
