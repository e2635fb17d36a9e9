// dist/cjs holds CommonJS in a "type": "module" package: this nested
// package.json tells Node (and TypeScript) to read its .js and .d.ts as CJS.
import { writeFileSync } from 'node:fs';

writeFileSync(
  new URL('../dist/cjs/package.json', import.meta.url),
  `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`,
);
