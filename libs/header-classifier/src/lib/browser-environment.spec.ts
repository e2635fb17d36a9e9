/**
 * @jest-environment jsdom
 */
// The admin app runs the classifier in the browser: it must need no Node API.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadFixture } from '../../test/fixture.util.js';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { parseRawHeaders } from './parse-raw-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { refineWithBody } from './refine-with-body.js';

const DIST_ESM = join(__dirname, '../../dist/esm');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory())
      return entry === 'cli' ? [] : jsFiles(path);
    return entry.endsWith('.js') ? [path] : [];
  });
}

describe('in a browser environment (jsdom)', () => {
  it('runs in a window-like global', () => {
    expect(typeof window).toBe('object');
    expect(typeof document.createElement).toBe('function');
  });

  it('parses, classifies and refines without Node APIs', () => {
    if (typeof TextDecoder === 'undefined') {
      // jsdom does not implement TextDecoder, which every browser has
      // (WHATWG Encoding Standard); lend it Node's for this test only.
      Object.assign(globalThis, {
        TextDecoder: require('node:util').TextDecoder,
      });
    }
    const context = createClassificationContext({
      prospects: createProspectMatcher({ matchAll: true }),
    });
    const text = loadFixture('encoded-words.eml').mimeContent ?? '';
    const { message } = parseRawHeaders(text);
    expect(message.subject).toBe('日本語 and café crème');
    const ndr = loadFixture('exchange-online-ndr.eml');
    const decision = classifyHeaders(ndr, context);
    expect(decision.kind).toBe('bounce');
    expect(refineWithBody(decision, ndr, context).bouncedRecipients).toEqual([
      'jane.doe@fabrikam.example',
    ]);
  });

  it('ships browser ESM that imports no Node module and uses no Node global', () => {
    const files = jsFiles(DIST_ESM);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const code = readFileSync(file, 'utf8');
      expect({
        file,
        nodeImport:
          /from\s+['"](?:node:|fs|path|crypto|buffer|util|os)['"]|import\(['"]node:/.test(
            code,
          ),
      }).toEqual({ file, nodeImport: false });
      expect({ file, require: /\brequire\s*\(/.test(code) }).toEqual({
        file,
        require: false,
      });
      expect({
        file,
        globals: /\b(?:process|Buffer|__dirname|__filename)\b/.test(code),
      }).toEqual({ file, globals: false });
      // Only relative imports: no npm package at run time (importHelpers is off).
      for (const m of code.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g))
        expect(m[1]).toMatch(/^\.\.?\//);
    }
  });
});
