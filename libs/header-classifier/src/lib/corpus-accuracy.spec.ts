// Accuracy on real mail (test/fixtures/corpus, see its README and NOTICE):
// each file's header block goes through parseRawHeaders and classifyHeaders,
// from headers alone, with every external address counted as a prospect.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { parseRawHeaders } from './parse-raw-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import type { MessageKind } from './types.js';

const CORPUS = join(__dirname, '../../test/fixtures/corpus');
const LABELS = ['bounce', 'auto-reply', 'bulk', 'human', 'spam'] as const;
const PREDICTED: readonly MessageKind[] = [...LABELS, 'calendar'];
type Label = (typeof LABELS)[number];

// Headers that only the Enron archive added; the classifier must not read them.
const ARCHIVE_ONLY = new Set([
  'x-folder',
  'x-filename',
  'x-from',
  'x-to',
  'x-cc',
  'x-bcc',
  'x-origin',
]);

function readMessage(file: string): string {
  const bytes = readFileSync(join(CORPUS, file));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const [file = '', category = ''] = line.split('\t');
    return { file, category: category as Label };
  });

const context = createClassificationContext({
  prospects: createProspectMatcher({ matchAll: true }),
});

const results = manifest.map(({ file, category }) => {
  const { message } = parseRawHeaders(readMessage(file));
  return {
    file,
    category,
    message,
    decision: classifyHeaders(message, context),
  };
});

const matrix = new Map<Label, Map<MessageKind, number>>();
for (const label of LABELS)
  matrix.set(label, new Map(PREDICTED.map((k) => [k, 0])));
for (const { category, decision } of results) {
  const row = matrix.get(category);
  if (!row) throw new Error(`unknown category in MANIFEST.tsv: ${category}`);
  row.set(decision.kind, (row.get(decision.kind) ?? 0) + 1);
}
const cell = (label: Label, kind: MessageKind): number =>
  matrix.get(label)?.get(kind) ?? 0;
const rowTotal = (label: Label): number =>
  PREDICTED.reduce((sum, kind) => sum + cell(label, kind), 0);
const recall = (label: Label): number => cell(label, label) / rowTotal(label);
// Precision among the labels with a threshold: the corpus's spam (2002) has
// no verdict header, so it cannot be told from bulk or human mail by headers;
// spam predicted as bulk costs nothing (both are ignored). The precision over
// all rows, spam included, is printed as well.
const precision = (kind: Label, includeSpam: boolean): number => {
  let predicted = 0;
  for (const label of LABELS) {
    if (label === 'spam' && !includeSpam) continue;
    predicted += cell(label, kind);
  }
  return predicted === 0 ? 1 : cell(kind, kind) / predicted;
};

function report(): string {
  const pad = (text: string | number, width: number): string =>
    String(text).padStart(width);
  const lines = [
    `confusion matrix (${results.length} messages; rows: label, columns: predicted kind)`,
    pad('', 11) + PREDICTED.map((k) => pad(k, 11)).join(''),
    ...LABELS.map(
      (label) =>
        pad(label, 11) + PREDICTED.map((k) => pad(cell(label, k), 11)).join(''),
    ),
    '',
    `${pad('kind', 11)}${pad('recall', 10)}${pad('precision', 11)}${pad('prec.+spam', 12)}`,
    ...LABELS.map(
      (label) =>
        `${pad(label, 11)}${pad(recall(label).toFixed(3), 10)}${pad(precision(label, false).toFixed(3), 11)}${pad(precision(label, true).toFixed(3), 12)}`,
    ),
  ];
  return lines.join('\n');
}

describe('accuracy on the real-mail corpus (headers only)', () => {
  beforeAll(() => {
    console.log(report());
  });

  it('reads every file in the manifest', () => {
    expect(results.length).toBe(manifest.length);
    expect(results.length).toBeGreaterThan(800);
  });

  it('finds bounces with recall and precision of at least 0.97', () => {
    expect(recall('bounce')).toBeGreaterThanOrEqual(0.97);
    expect(precision('bounce', false)).toBeGreaterThanOrEqual(0.97);
  });

  it('finds auto-replies with recall and precision of at least 0.95', () => {
    expect(recall('auto-reply')).toBeGreaterThanOrEqual(0.95);
    expect(precision('auto-reply', false)).toBeGreaterThanOrEqual(0.95);
  });

  it('finds bulk mail with recall and precision of at least 0.95', () => {
    expect(recall('bulk')).toBeGreaterThanOrEqual(0.95);
    expect(precision('bulk', false)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives at most 1% of human mail a non-human kind', () => {
    const misread = rowTotal('human') - cell('human', 'human');
    expect(misread / rowTotal('human')).toBeLessThanOrEqual(0.01);
  });

  it('fetches every human message when every external address is a prospect', () => {
    const ignored = results.filter(
      (r) => r.category === 'human' && r.decision.action !== 'fetch',
    );
    expect(ignored.map((r) => r.file)).toEqual([]);
  });

  it('decides the same without the headers only an archive added (X-Folder, X-FileName, X-From, X-To)', () => {
    const changed = results.filter(({ message, decision }) => {
      const stripped = {
        ...message,
        internetMessageHeaders: (message.internetMessageHeaders ?? []).filter(
          (h) => !ARCHIVE_ONLY.has(h.name.toLowerCase()),
        ),
      };
      return classifyHeaders(stripped, context).kind !== decision.kind;
    });
    expect(changed.map((r) => r.file)).toEqual([]);
  });
});
