#!/usr/bin/env node
// headersync-classify: classify .eml files from the command line.
// Usage: headersync-classify [--policy policy.json] FILE_OR_DIR...
// Prints one JSON object per message per line; see the lib README.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  parseRawHeaders,
  refineWithBody,
} from '../index.js';
import type {
  ClassificationOptions,
  ProspectMatcherOptions,
} from '../index.js';

const USAGE = 'usage: classify [--policy policy.json] FILE_OR_DIR...';

class UsageError extends Error {}

function fail(reason: string): never {
  // One line, no stack: the reason is for a person at a terminal.
  process.stderr.write(`classify: ${reason.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(2);
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}` : error.message;
  }
  return String(error);
}

function parseArgs(argv: readonly string[]): {
  policy?: string;
  paths: string[];
} {
  const paths: string[] = [];
  let policy: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--policy') {
      policy = argv[++i];
      if (policy === undefined) throw new UsageError('--policy needs a file');
    } else if (arg.startsWith('--policy=')) {
      policy = arg.slice('--policy='.length);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0)
    throw new UsageError(`no FILE_OR_DIR given; ${USAGE}`);
  return policy === undefined ? { paths } : { policy, paths };
}

interface PolicyFile extends Omit<ClassificationOptions, 'prospects'> {
  prospects?: ProspectMatcherOptions;
}

function stringList(value: unknown, key: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new UsageError(`policy: ${key} must be an array of strings`);
  }
  return value as string[];
}

function loadPolicy(file: string | undefined): ClassificationOptions {
  // Without a policy every external address is a prospect.
  if (file === undefined)
    return { prospects: createProspectMatcher({ matchAll: true }) };
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot read policy ${file}: ${errorCode(error)}`);
  }
  let policy: PolicyFile;
  try {
    policy = JSON.parse(raw) as PolicyFile;
  } catch {
    fail(`policy ${file} is not valid JSON`);
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    fail(`policy ${file} must be a JSON object`);
  }
  const lists = (value: unknown, key: string) => {
    if (value === undefined) return undefined;
    const v = value as { addresses?: unknown; domains?: unknown };
    const addresses = stringList(v.addresses, `${key}.addresses`);
    const domains = stringList(v.domains, `${key}.domains`);
    return {
      ...(addresses ? { addresses } : {}),
      ...(domains ? { domains } : {}),
    };
  };
  const options: ClassificationOptions = {
    prospects: createProspectMatcher(policy.prospects ?? { matchAll: true }),
  };
  const owners = stringList(policy.ownerAddresses, 'ownerAddresses');
  if (owners) options.ownerAddresses = owners;
  const internal = stringList(policy.internalDomains, 'internalDomains');
  if (internal) options.internalDomains = internal;
  const terms = stringList(
    policy.sensitiveSubjectTerms,
    'sensitiveSubjectTerms',
  );
  if (terms) options.sensitiveSubjectTerms = terms;
  if (policy.direction !== undefined) {
    if (policy.direction !== 'inbound' && policy.direction !== 'outbound') {
      throw new UsageError('policy: direction must be "inbound" or "outbound"');
    }
    options.direction = policy.direction;
  }
  const blocked = lists(policy.blocked, 'blocked');
  if (blocked) options.blocked = blocked;
  const allowed = lists(policy.allowed, 'allowed');
  if (allowed) options.allowed = allowed;
  if (policy.ignorePrivate !== undefined)
    options.ignorePrivate = policy.ignorePrivate === true;
  if (policy.calendarRelevant !== undefined) {
    options.calendarRelevant = policy.calendarRelevant !== false;
  }
  return options;
}

function collectFiles(path: string, out: string[]): void {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    fail(`cannot read ${path}: ${errorCode(error)}`);
  }
  if (stats.isDirectory()) {
    let entries: string[];
    try {
      entries = readdirSync(path).sort();
    } catch (error) {
      fail(`cannot read directory ${path}: ${errorCode(error)}`);
    }
    for (const entry of entries) {
      const child = join(path, entry);
      let childStats;
      try {
        childStats = statSync(child);
      } catch (error) {
        fail(`cannot read ${child}: ${errorCode(error)}`);
      }
      if (childStats.isDirectory()) collectFiles(child, out);
      else if (/\.eml$/i.test(entry)) out.push(child);
    }
    return;
  }
  out.push(path);
}

function decode(bytes: Uint8Array): string {
  // Mail is 7-bit or UTF-8 in the common case; 8-bit legacy charsets read as
  // windows-1252 still give readable headers (encoded-words are decoded later).
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function main(): void {
  // A closed pipe (e.g. `| head`) ends the output, not the program with a trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    fail(`cannot write output: ${errorCode(error)}`);
  });
  let args: { policy?: string; paths: string[] };
  let options: ClassificationOptions;
  try {
    args = parseArgs(process.argv.slice(2));
    options = loadPolicy(args.policy);
  } catch (error) {
    if (error instanceof UsageError) fail(error.message);
    throw error;
  }
  const context = createClassificationContext(options);
  const files: string[] = [];
  for (const path of args.paths) collectFiles(path, files);
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      fail(`cannot read ${file}: ${errorCode(error)}`);
    }
    const text = decode(bytes);
    const { message, malformed } = parseRawHeaders(text);
    const decision = classifyHeaders(message, context);
    const refined = refineWithBody(
      decision,
      { ...message, mimeContent: text },
      context,
    );
    const name = relative(process.cwd(), file) || file;
    process.stdout.write(
      `${JSON.stringify({
        file: name.startsWith('..') ? file : name,
        kind: decision.kind,
        action: decision.action,
        rules: decision.rules,
        prospects: decision.prospects,
        finalKind: refined.kind,
        finalAction: refined.action,
        finalRules: refined.rules,
        bouncedRecipients: refined.bouncedRecipients,
        returnDate: refined.returnDate ?? null,
        malformed,
      })}\n`,
    );
  }
}

main();
