import { parseArgs } from 'node:util';
import type { GraphSimulatorOptions } from './simulator.js';

export interface CliOptions {
  simulator: GraphSimulatorOptions;
  credentialsOut?: string;
  quiet: boolean;
  help: boolean;
}

export const USAGE = `Usage: graph-simulator [options]

  --port N                         HTTPS port (0 = any free port; default 4443)
  --host ADDR                      listen address (default 127.0.0.1; ::1 is served too)
  --seed N                         tenant generator seed (default 42)
  --mailboxes N                    mailboxes to generate (default 50)
  --messages N                     messages per mailbox, over Inbox and Sent Items (default 2000)
  --days N                         days of generated history (default 120)
  --anchor ISO-DATE                newest mail is before this instant (default: now)
  --credentials-out FILE           write the credentials JSON there once ready
  --state-dir DIR                  CA, certificates, prospect exports (default <repo>/.data/graph-simulator)
  --throttle-limit N               requests per window per app and mailbox (default 10000)
  --throttle-window-ms N           window length (default 600000)
  --throttle-concurrency N         concurrent requests per app and mailbox (default 4)
  --delta-returns-headers BOOL     delta pages carry internetMessageHeaders when selected (default true)
  --readbasic-withholds-headers BOOL  Mail.ReadBasic tokens get no internetMessageHeaders (default false)
  --token-lifetime N               access token lifetime in seconds (default 3599)
  --service-time-ms N              latency added to every Graph operation (default 0)
  --load-eml UPN=PATH              load an .eml file or a directory of them into that Inbox (repeatable)
  --quiet                          print only the ready line
  --help                           this text
`;

function int(
  name: string,
  value: string | undefined,
  min: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min}, got '${value}'`);
  return n;
}

function bool(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`--${name} must be true or false, got '${value}'`);
}

export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      mailboxes: { type: 'string' },
      messages: { type: 'string' },
      days: { type: 'string' },
      anchor: { type: 'string' },
      'credentials-out': { type: 'string' },
      'state-dir': { type: 'string' },
      'throttle-limit': { type: 'string' },
      'throttle-window-ms': { type: 'string' },
      'throttle-concurrency': { type: 'string' },
      'delta-returns-headers': { type: 'string' },
      'readbasic-withholds-headers': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'service-time-ms': { type: 'string' },
      'load-eml': { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const sim: GraphSimulatorOptions = {
    port: int('port', values.port, 0) ?? 4443,
  };
  if (values.host) sim.host = values.host;
  const set = <K extends keyof GraphSimulatorOptions>(
    k: K,
    v: GraphSimulatorOptions[K] | undefined,
  ) => {
    if (v !== undefined) sim[k] = v;
  };
  set('seed', int('seed', values.seed, 0));
  set('mailboxes', int('mailboxes', values.mailboxes, 1));
  set('messages', int('messages', values.messages, 0));
  set('days', int('days', values.days, 1));
  set('serviceTimeMs', int('service-time-ms', values['service-time-ms'], 0));
  set(
    'tokenLifetimeSeconds',
    int('token-lifetime', values['token-lifetime'], 1),
  );
  if (values.anchor !== undefined) {
    const ms = Date.parse(values.anchor);
    if (!Number.isFinite(ms))
      throw new Error(
        `--anchor must be an ISO 8601 date, got '${values.anchor}'`,
      );
    sim.anchorMs = ms;
  }
  if (values['state-dir']) sim.stateDir = values['state-dir'];
  const throttle: NonNullable<GraphSimulatorOptions['throttle']> = {};
  const limit = int('throttle-limit', values['throttle-limit'], 1);
  const windowMs = int('throttle-window-ms', values['throttle-window-ms'], 1);
  const concurrency = int(
    'throttle-concurrency',
    values['throttle-concurrency'],
    1,
  );
  if (limit !== undefined) throttle.limit = limit;
  if (windowMs !== undefined) throttle.windowMs = windowMs;
  if (concurrency !== undefined) throttle.concurrency = concurrency;
  if (Object.keys(throttle).length) sim.throttle = throttle;
  set(
    'deltaReturnsHeaders',
    bool('delta-returns-headers', values['delta-returns-headers']),
  );
  set(
    'readBasicWithholdsHeaders',
    bool('readbasic-withholds-headers', values['readbasic-withholds-headers']),
  );
  if (values['load-eml']) {
    sim.loadEml = values['load-eml'].map((spec) => {
      const eq = spec.indexOf('=');
      if (eq <= 0)
        throw new Error(
          `--load-eml must be <userPrincipalName>=<file-or-dir>, got '${spec}'`,
        );
      return { user: spec.slice(0, eq), path: spec.slice(eq + 1) };
    });
  }
  return {
    simulator: sim,
    ...(values['credentials-out']
      ? { credentialsOut: values['credentials-out'] }
      : {}),
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}
