// Loads the small scenario fixtures in test/fixtures/messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRawHeaders } from '../src/lib/parse-raw-headers.js';
import type { FullMessage } from '../src/lib/types.js';

export const FIXTURES = join(__dirname, 'fixtures', 'messages');

/** A fixture as the classifier sees it: Graph-shaped headers plus the raw text. */
export function loadFixture(name: string): FullMessage {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { ...parseRawHeaders(text).message, mimeContent: text };
}
