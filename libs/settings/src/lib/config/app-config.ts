import { ConfigError } from './config.error.js';

/** Every process of Headersync reads its environment once, here, at boot. */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** Key prefix for everything Headersync keeps in Redis (Bull queues included). */
  readonly redisPrefix: string;
  readonly apiPort: number;
  readonly workerPort: number;
  readonly adminPort: number;
  readonly logLevel: LogLevel;
  readonly encryption: EncryptionKeyRing;
  readonly graph: GraphEndpoints;
  readonly sync: SyncTuning;
  /** Origin the browser uses for the admin app (and its /api proxy): OAuth redirect URIs are built on it. */
  readonly publicAdminUrl: string;
  /** "Sign in with Microsoft" app registration; undefined turns that sign-in off. */
  readonly microsoftSignIn: MicrosoftSignInApp | undefined;
  /** Set by `npm start` when it runs the Graph simulator: seed a demo org into an empty database. */
  readonly demo: DemoSeedConfig | undefined;
  /**
   * Whether the API serves the Bull dashboard to admins. The queue is shared
   * by every org, so it shows every org's job ids: off by default in
   * production, for the operator of a single-org deployment to turn on.
   */
  readonly queueDashboard: boolean;
}

export interface MicrosoftSignInApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Authority tenant segment: a tenant id, or "organizations" for any work account. */
  readonly tenant: string;
}

export interface DemoSeedConfig {
  /** The simulator's --credentials-out file. */
  readonly simulatorCredentialsPath: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly memberEmail: string;
  readonly memberPassword: string;
}

export const DEFAULT_DEMO_ADMIN_EMAIL = 'admin@demo.headersync.local';
export const DEFAULT_DEMO_ADMIN_PASSWORD = 'headersync-demo-admin';
export const DEFAULT_DEMO_MEMBER_EMAIL = 'member@demo.headersync.local';
export const DEFAULT_DEMO_MEMBER_PASSWORD = 'headersync-demo-member';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export interface EncryptionKeyRing {
  /** Version new ciphertexts are written with. */
  readonly currentVersion: number;
  /** AES-256 keys (32 bytes) by version; older versions stay readable during a rotation. */
  readonly keys: ReadonlyMap<number, Buffer>;
}

export interface GraphEndpoints {
  /** Identity platform host, e.g. https://login.microsoftonline.com. */
  readonly authorityHost: string;
  /** Graph root including the version segment, e.g. https://graph.microsoft.com/v1.0. */
  readonly baseUrl: string;
  /** Extra CA certificate (PEM file) to trust for Graph and MSAL calls: the simulator's. */
  readonly caCertPath: string | undefined;
  /**
   * Outlook's request budget per app and mailbox, which the sync paces itself
   * under (0: no pacing, 429s only).
   */
  readonly mailboxRequestLimit: number;
  readonly mailboxRequestWindowSeconds: number;
}

export interface SyncTuning {
  /** Seconds between scheduled syncs of one mailbox. */
  readonly intervalSeconds: number;
  /** Delta page size sent as Prefer: odata.maxpagesize. */
  readonly pageSize: number;
  /** Mailboxes one sync-worker process syncs at once. */
  readonly mailboxConcurrency: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
];

export const DEFAULT_DATABASE_URL =
  'postgres://postgres@127.0.0.1:5432/headersync';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * Reads and validates the environment. Collects every problem before failing so
 * an operator fixes them in one go; each problem is one line naming the variable
 * and never echoes a secret's value.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const reader = new EnvReader(env, problems);

  const nodeEnv = reader.oneOf(
    'NODE_ENV',
    ['development', 'test', 'production'] as const,
    'development',
  );
  const adminPort = reader.port('ADMIN_PORT', 4200);
  const config: AppConfig = {
    nodeEnv,
    databaseUrl: reader.url('DATABASE_URL', DEFAULT_DATABASE_URL, [
      'postgres:',
      'postgresql:',
    ]),
    redisUrl: reader.url('REDIS_URL', DEFAULT_REDIS_URL, ['redis:', 'rediss:']),
    redisPrefix: reader.pattern(
      'REDIS_PREFIX',
      /^[A-Za-z0-9_.:-]{1,64}$/,
      'headersync',
      'letters, digits and _ . : - only, at most 64 characters',
    ),
    apiPort: reader.port('API_PORT', 3000),
    workerPort: reader.port('WORKER_PORT', 3001),
    adminPort,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    encryption: reader.keyRing(),
    graph: {
      authorityHost: reader.url(
        'GRAPH_AUTHORITY_HOST',
        'https://login.microsoftonline.com',
        ['https:'],
      ),
      baseUrl: reader.url(
        'GRAPH_BASE_URL',
        'https://graph.microsoft.com/v1.0',
        ['https:'],
      ),
      caCertPath: reader.optional('GRAPH_CA_CERT_PATH'),
      // 10,000 requests per 10 minutes per app and mailbox
      // (https://learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
      mailboxRequestLimit: reader.integer(
        'GRAPH_MAILBOX_REQUEST_LIMIT',
        10_000,
        0,
        1_000_000,
      ),
      mailboxRequestWindowSeconds: reader.integer(
        'GRAPH_MAILBOX_REQUEST_WINDOW_SECONDS',
        600,
        1,
        86_400,
      ),
    },
    sync: {
      intervalSeconds: reader.integer('SYNC_INTERVAL_SECONDS', 300, 10, 86_400),
      // Graph documents no maximum for messages delta pages; 999 is what
      // production clients use (graph-facts: "Page size").
      pageSize: reader.integer('SYNC_PAGE_SIZE', 200, 1, 999),
      // A mailbox's sync mostly waits on Graph (4 requests in flight at most,
      // and throttled per mailbox), so one process keeps many mailboxes going
      // at once; when Graph throttles, throughput is mailboxes x the
      // per-mailbox budget, so this is what one process can reach.
      mailboxConcurrency: reader.integer(
        'SYNC_MAILBOX_CONCURRENCY',
        50,
        1,
        500,
      ),
    },
    publicAdminUrl: reader
      .url('PUBLIC_ADMIN_URL', `http://127.0.0.1:${adminPort}`, [
        'http:',
        'https:',
      ])
      .replace(/\/+$/, ''),
    microsoftSignIn: reader.microsoftSignIn(),
    demo: reader.demo(),
    queueDashboard:
      reader.oneOf(
        'QUEUE_DASHBOARD',
        ['on', 'off'] as const,
        nodeEnv === 'production' ? 'off' : 'on',
      ) === 'on',
  };

  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  url(name: string, fallback: string, protocols: readonly string[]): string {
    const value = this.optional(name) ?? fallback;
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      // The value may hold a password: name the variable, not its content.
      this.problems.push(`${name} is not a valid URL`);
      return value;
    }
    if (!protocols.includes(parsed.protocol)) {
      this.problems.push(
        `${name} must use ${protocols.map((p) => p.replace(':', '://')).join(' or ')}, got ${parsed.protocol}//`,
      );
    }
    return value;
  }

  port(name: string, fallback: number): number {
    return this.integer(name, fallback, 1, 65_535);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(
        `${name} must be a whole number from ${min} to ${max}, got "${raw}"`,
      );
      return fallback;
    }
    return Number(raw);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(
        `${name} must be one of ${allowed.join(', ')}, got "${raw}"`,
      );
      return fallback;
    }
    return raw as T;
  }

  pattern(name: string, re: RegExp, fallback: string, rule: string): string {
    const raw = this.optional(name) ?? fallback;
    if (!re.test(raw)) {
      this.problems.push(`${name} must be ${rule}`);
    }
    return raw;
  }

  /** MICROSOFT_SIGNIN_CLIENT_ID and _SECRET come together; _TENANT defaults to "organizations". */
  microsoftSignIn(): MicrosoftSignInApp | undefined {
    const clientId = this.optional('MICROSOFT_SIGNIN_CLIENT_ID');
    const clientSecret = this.optional('MICROSOFT_SIGNIN_CLIENT_SECRET');
    if (clientId === undefined && clientSecret === undefined) return undefined;
    if (clientId === undefined || clientSecret === undefined) {
      this.problems.push(
        'MICROSOFT_SIGNIN_CLIENT_ID and MICROSOFT_SIGNIN_CLIENT_SECRET must be set together',
      );
      return undefined;
    }
    const tenant = this.pattern(
      'MICROSOFT_SIGNIN_TENANT',
      /^[A-Za-z0-9.-]{1,100}$/,
      'organizations',
      'a tenant id, a verified domain, "organizations" or "common"',
    );
    return { clientId, clientSecret, tenant };
  }

  demo(): DemoSeedConfig | undefined {
    const simulatorCredentialsPath = this.optional(
      'DEMO_SIMULATOR_CREDENTIALS',
    );
    if (simulatorCredentialsPath === undefined) return undefined;
    const password = (name: string, fallback: string): string => {
      const value = this.optional(name) ?? fallback;
      if (value.length < 12)
        this.problems.push(`${name} must be at least 12 characters`);
      return value;
    };
    const email = (name: string, fallback: string): string => {
      const value = (this.optional(name) ?? fallback).toLowerCase();
      if (!/^[^@\s]+@[^@\s]+$/.test(value))
        this.problems.push(`${name} must be an email address`);
      return value;
    };
    return {
      simulatorCredentialsPath,
      adminEmail: email('DEMO_ADMIN_EMAIL', DEFAULT_DEMO_ADMIN_EMAIL),
      adminPassword: password(
        'DEMO_ADMIN_PASSWORD',
        DEFAULT_DEMO_ADMIN_PASSWORD,
      ),
      memberEmail: email('DEMO_MEMBER_EMAIL', DEFAULT_DEMO_MEMBER_EMAIL),
      memberPassword: password(
        'DEMO_MEMBER_PASSWORD',
        DEFAULT_DEMO_MEMBER_PASSWORD,
      ),
    };
  }

  /**
   * HEADERSYNC_ENCRYPTION_KEY is the current AES-256 key (base64 of 32 bytes),
   * written as HEADERSYNC_ENCRYPTION_KEY_VERSION; HEADERSYNC_ENCRYPTION_PREVIOUS_KEYS
   * ("1:base64,2:base64") keeps older keys readable until every row is re-encrypted.
   */
  keyRing(): EncryptionKeyRing {
    const keys = new Map<number, Buffer>();
    const currentVersion = this.integer(
      'HEADERSYNC_ENCRYPTION_KEY_VERSION',
      1,
      1,
      1_000_000,
    );
    const current = this.optional('HEADERSYNC_ENCRYPTION_KEY');
    if (current === undefined) {
      this.problems.push(
        'HEADERSYNC_ENCRYPTION_KEY is missing: set it to 32 random bytes in base64 (openssl rand -base64 32)',
      );
    } else {
      const key = decodeKey(current);
      if (key === undefined) {
        this.problems.push(
          'HEADERSYNC_ENCRYPTION_KEY must be 32 bytes encoded in base64',
        );
      } else {
        keys.set(currentVersion, key);
      }
    }
    const previous = this.optional('HEADERSYNC_ENCRYPTION_PREVIOUS_KEYS');
    for (const entry of previous?.split(',') ?? []) {
      const match = /^\s*(\d+):(\S+)\s*$/.exec(entry);
      const version = match ? Number(match[1]) : NaN;
      const key = match?.[2] === undefined ? undefined : decodeKey(match[2]);
      if (!match || key === undefined) {
        this.problems.push(
          'HEADERSYNC_ENCRYPTION_PREVIOUS_KEYS must be a comma-separated list of version:base64key with 32-byte keys',
        );
        break;
      }
      if (version === currentVersion) {
        this.problems.push(
          `HEADERSYNC_ENCRYPTION_PREVIOUS_KEYS repeats the current key version ${version}`,
        );
        break;
      }
      keys.set(version, key);
    }
    return { currentVersion, keys };
  }
}

function decodeKey(base64: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
  const key = Buffer.from(base64, 'base64');
  return key.length === 32 ? key : undefined;
}
