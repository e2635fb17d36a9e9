// npm run bench:classifier -- [--messages 100000] [--seed 7]
//
// Classifies generated Microsoft Graph messages (about 25 headers and 4–5 KB
// of JSON each) and compares the cost with JSON.parse of the same messages'
// JSON, measured in the same run: the classifier should cost under a third of
// reading the JSON it arrives in. Also measures the raw-header parser in MB/s.
// Prints the figures and writes them to bench/results/classifier.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  parseRawHeaders,
} from '@headersync/header-classifier';
import type {
  GraphMessageHeaders,
  MessageKind,
} from '@headersync/header-classifier';
import {
  createRandom,
  generateMessage,
  toRawHeaderBlock,
} from './classifier-bench.util.js';
import { positiveInteger } from '../cli-args.util.js';
import { findWorkspaceRoot } from '@headersync/graph-client/testing';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '7' },
    chunk: { type: 'string', default: '5000' },
  },
});
const MESSAGES = positiveInteger('messages', values.messages);
// A chunk of 0 would never advance the loop below.
const CHUNK = positiveInteger('chunk', values.chunk);
const random = createRandom(Number(values.seed));

const context = createClassificationContext({
  ownerAddresses: ['owner@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({
    accountDomains: ['fabrikam.com', 'northwind.example', 'tailspin.io'],
    addresses: ['sam.roe@wingtip.de'],
  }),
  blocked: { domains: ['competitor.example'] },
  sensitiveSubjectTerms: ['salary', 'medical'],
});

interface Totals {
  parseMs: number;
  classifyMs: number;
  rawMs: number;
  rawBytes: number;
  jsonBytes: number;
  headers: number;
  kinds: Record<string, number>;
}

function runChunk(size: number, totals: Totals | null): void {
  const json: string[] = new Array<string>(size);
  const raw: string[] = new Array<string>(size);
  for (let i = 0; i < size; i++) {
    const { message } = generateMessage(random);
    json[i] = JSON.stringify(message);
    raw[i] = toRawHeaderBlock(message);
  }
  const parsed: GraphMessageHeaders[] = new Array<GraphMessageHeaders>(size);
  let t = performance.now();
  for (let i = 0; i < size; i++)
    parsed[i] = JSON.parse(json[i] as string) as GraphMessageHeaders;
  const parseMs = performance.now() - t;

  const kinds: MessageKind[] = new Array<MessageKind>(size);
  t = performance.now();
  for (let i = 0; i < size; i++)
    kinds[i] = classifyHeaders(parsed[i] as GraphMessageHeaders, context).kind;
  const classifyMs = performance.now() - t;

  let fields = 0;
  t = performance.now();
  for (let i = 0; i < size; i++)
    fields +=
      parseRawHeaders(raw[i] as string).message.internetMessageHeaders
        ?.length ?? 0;
  const rawMs = performance.now() - t;

  if (!totals) return;
  totals.parseMs += parseMs;
  totals.classifyMs += classifyMs;
  totals.rawMs += rawMs;
  totals.headers += fields;
  for (let i = 0; i < size; i++) {
    totals.jsonBytes += (json[i] as string).length;
    totals.rawBytes += (raw[i] as string).length;
    const kind = kinds[i] as string;
    totals.kinds[kind] = (totals.kinds[kind] ?? 0) + 1;
  }
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Warm-up: let the JIT compile both paths before anything is counted.
  runChunk(Math.min(CHUNK, 5000), null);
  runChunk(Math.min(CHUNK, 5000), null);
  const totals: Totals = {
    parseMs: 0,
    classifyMs: 0,
    rawMs: 0,
    rawBytes: 0,
    jsonBytes: 0,
    headers: 0,
    kinds: {},
  };
  for (let done = 0; done < MESSAGES; done += CHUNK) {
    gc?.();
    runChunk(Math.min(CHUNK, MESSAGES - done), totals);
  }
  const usPerMessage = (totals.classifyMs * 1000) / MESSAGES;
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    messages: MESSAGES,
    avgHeadersPerMessage: Number((totals.headers / MESSAGES).toFixed(1)),
    avgJsonBytesPerMessage: Math.round(totals.jsonBytes / MESSAGES),
    kinds: totals.kinds,
    classify: {
      totalMs: Number(totals.classifyMs.toFixed(1)),
      messagesPerSecond: Math.round(MESSAGES / (totals.classifyMs / 1000)),
      microsecondsPerMessage: Number(usPerMessage.toFixed(2)),
    },
    jsonParse: {
      totalMs: Number(totals.parseMs.toFixed(1)),
      microsecondsPerMessage: Number(
        ((totals.parseMs * 1000) / MESSAGES).toFixed(2),
      ),
    },
    ratioClassifyToJsonParse: Number(
      (totals.classifyMs / totals.parseMs).toFixed(3),
    ),
    ratioTarget: 0.3,
    rawHeaderParser: {
      totalMs: Number(totals.rawMs.toFixed(1)),
      megabytes: Number((totals.rawBytes / 1e6).toFixed(1)),
      megabytesPerSecond: Number(
        (totals.rawBytes / 1e6 / (totals.rawMs / 1000)).toFixed(1),
      ),
      microsecondsPerMessage: Number(
        ((totals.rawMs * 1000) / MESSAGES).toFixed(2),
      ),
    },
  };
  const lines = [
    `classifier benchmark: ${MESSAGES} messages, ${results.avgHeadersPerMessage} headers and ${results.avgJsonBytesPerMessage} bytes of JSON each`,
    `  classifyHeaders  ${results.classify.messagesPerSecond.toLocaleString('en-US')} messages/s, ${results.classify.microsecondsPerMessage} µs/message`,
    `  JSON.parse       ${results.jsonParse.microsecondsPerMessage} µs/message`,
    `  ratio classify / JSON.parse = ${results.ratioClassifyToJsonParse} (target ≤ ${results.ratioTarget})`,
    `  parseRawHeaders  ${results.rawHeaderParser.megabytesPerSecond} MB/s, ${results.rawHeaderParser.microsecondsPerMessage} µs/message`,
    `  kinds ${JSON.stringify(results.kinds)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const file = join(findWorkspaceRoot(), 'bench', 'results', 'classifier.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`  written to ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:classifier failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
