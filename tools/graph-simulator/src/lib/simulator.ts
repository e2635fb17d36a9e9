import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { AccountingService } from './accounting.service.js';
import { AuthService, type Principal } from './auth.service.js';
import { BatchService } from './batch.service.js';
import { certificateThumbprintHex, ensureTlsMaterial } from './certs.util.js';
import { ControlApi } from './control-api.js';
import { DeltaService } from './delta.service.js';
import { FaultService } from './faults.service.js';
import {
  GraphApiService,
  type GraphRequest,
  type SimulatorConfig,
} from './graph-api.service.js';
import {
  graphError,
  newRequestContext,
  serialiseResult,
  type GraphResult,
  type RequestContext,
} from './graph-result.util.js';
import { headerValue, parseJsonBody, readBody, sendJson } from './http.util.js';
import { IdentityApi } from './identity-api.js';
import { OpaqueTokenCodec } from './opaque-token.util.js';
import { TenantStore } from './tenant-store.js';
import {
  DEFAULT_THROTTLE,
  ThrottleService,
  type ThrottleConfig,
} from './throttle.service.js';

/** A number per TCP connection, for telling which connection a request came on. */
const connectionIds = new WeakMap<object, number>();
let lastConnectionId = 0;
function connectionIdOf(req: IncomingMessage): number {
  let id = connectionIds.get(req.socket);
  if (id === undefined) {
    id = ++lastConnectionId;
    connectionIds.set(req.socket, id);
  }
  return id;
}

export interface GraphSimulatorOptions {
  /** 0 picks a free port. Default 0 in-process (the CLI defaults to 4443). */
  port?: number;
  host?: string;
  seed?: number;
  mailboxes?: number;
  /** Messages per mailbox, split over Inbox and Sent Items. */
  messages?: number;
  /** Where the CA, certificates and prospect exports live (default `<repo>/.data/graph-simulator`). */
  stateDir?: string;
  throttle?: Partial<ThrottleConfig>;
  deltaReturnsHeaders?: boolean;
  readBasicWithholdsHeaders?: boolean;
  /** `.eml` files or directories to load into a mailbox's Inbox, by UPN or id. */
  loadEml?: { user: string; path: string }[];
  /** Newest generated mail is received before this instant (default: now). */
  anchorMs?: number;
  /** Days of generated history (default 120). */
  days?: number;
  tokenLifetimeSeconds?: number;
  /** Service time added to every Graph operation (default 0). */
  serviceTimeMs?: number;
}

export interface SimulatorCredentials {
  baseUrl: string;
  authorityUrl: string;
  graphBaseUrl: string;
  controlUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  readBasic: { clientId: string; clientSecret: string };
  /** A certificate registered on both apps, for client-assertion sign-in. */
  certificate: {
    certificatePath: string;
    privateKeyPath: string;
    thumbprintSha1: string;
    thumbprintSha256: string;
  };
  caCertPath: string;
  users: {
    id: string;
    userPrincipalName: string;
    mail: string;
    displayName: string;
  }[];
  prospectsPath: string;
}

export interface RunningGraphSimulator {
  credentials: SimulatorCredentials;
  port: number;
  close(): Promise<void>;
}

/** `<repo>/.data/graph-simulator`: the nearest directory up from cwd holding nx.json. */
export function defaultStateDir(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'nx.json')))
      return join(dir, '.data', 'graph-simulator');
    const parent = dirname(dir);
    if (parent === dir) return join(resolve(from), '.data', 'graph-simulator');
    dir = parent;
  }
}

function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function emlFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory()
        ? emlFiles(join(path, e.name))
        : e.name.toLowerCase().endsWith('.eml')
          ? [join(path, e.name)]
          : [],
    );
}

export async function startGraphSimulator(
  options: GraphSimulatorOptions = {},
): Promise<RunningGraphSimulator> {
  const seed = options.seed ?? 42;
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  mkdirSync(stateDir, { recursive: true });
  const tls = ensureTlsMaterial(stateDir);
  const store = new TenantStore({
    seed,
    mailboxes: options.mailboxes ?? 50,
    messages: options.messages ?? 2000,
    ...(options.anchorMs !== undefined ? { anchorMs: options.anchorMs } : {}),
    ...(options.days !== undefined ? { days: options.days } : {}),
  });
  for (const load of options.loadEml ?? []) {
    const user = store.findUser(load.user);
    if (!user) throw new Error(`--load-eml: no mailbox ${load.user}`);
    for (const file of emlFiles(load.path))
      store.loadEml(user, readFileSync(file), Date.now());
  }

  let baseUrl = '';
  const auth = new AuthService(store.data.tenantId, seed);
  if (options.tokenLifetimeSeconds)
    auth.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
  const main = auth.registerApp(
    ['Mail.Read.All'],
    'Headersync',
    tls.clientCertPem,
  );
  const basic = auth.registerApp(
    ['Mail.ReadBasic.All'],
    'Headersync header scanner',
    tls.clientCertPem,
  );
  const codec = new OpaqueTokenCodec();
  const throttle = new ThrottleService({
    ...DEFAULT_THROTTLE,
    ...options.throttle,
  });
  const accounting = new AccountingService();
  const faults = new FaultService(seed);
  const config: SimulatorConfig = {
    deltaReturnsHeaders: options.deltaReturnsHeaders ?? true,
    readBasicWithholdsHeaders: options.readBasicWithholdsHeaders ?? false,
    serviceTimeMs: options.serviceTimeMs ?? 0,
  };
  const delta = new DeltaService(store, codec);
  const graph = new GraphApiService({
    store,
    delta,
    codec,
    throttle,
    accounting,
    faults,
    config,
    baseUrl: () => baseUrl,
  });
  const batch = new BatchService(graph);
  const identity = new IdentityApi({
    auth,
    store,
    accounting,
    baseUrl: () => baseUrl,
  });
  const prospectsPath = join(
    stateDir,
    `prospects-seed${seed}-m${options.mailboxes ?? 50}.json`,
  );
  writeAtomic(
    prospectsPath,
    JSON.stringify(
      store.data.prospects.map((p) => ({
        email: p.email,
        accountDomain: p.accountDomain,
        name: p.name,
        company: p.company,
      })),
      null,
      2,
    ),
  );
  const control = new ControlApi({
    store,
    auth,
    throttle,
    accounting,
    faults,
    config,
    prospectsPath,
  });

  const writeGraph = (
    req: IncomingMessage,
    res: ServerResponse,
    result: GraphResult,
    mailboxId: string | undefined,
  ): 'intact' | 'corrupted' | 'reset' => {
    accounting.status(result.status);
    const wire = faults.wireFault(mailboxId);
    if (wire === 'connectionReset') {
      req.socket.destroy();
      return 'reset';
    }
    let body = serialiseResult(result);
    let bodyBytes = result.bodyBytes;
    if (wire === 'malformedJson' && result.json !== undefined) {
      body = Buffer.concat([
        body.subarray(0, Math.floor(body.length / 2)),
        Buffer.from('","value":[{]}<!-- -->'),
      ]);
      bodyBytes = 0;
    } else if (wire === 'truncatedJson' && result.json !== undefined) {
      body = body.subarray(0, Math.floor(body.length / 2));
      bodyBytes = Math.min(bodyBytes, body.length);
    }
    accounting.bytes(body.length, bodyBytes);
    res.writeHead(result.status, {
      ...result.headers,
      'content-length': String(body.length),
    });
    res.end(body);
    return wire === undefined ? 'intact' : 'corrupted';
  };

  const handleGraph = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ) => {
    accounting.http();
    const arrivedAtMs = Date.now();
    const connection = connectionIdOf(req);
    const ctx: RequestContext = newRequestContext(
      headerValue(req, 'client-request-id'),
    );
    const check = auth.verifyAccessToken(
      headerValue(req, 'authorization'),
      Date.now(),
    );
    if (!check.ok) {
      accounting.endpoint('unauthenticated');
      writeGraph(
        req,
        res,
        graphError(ctx, 401, 'InvalidAuthenticationToken', check.message, {
          'www-authenticate': `Bearer realm="", authorization_uri="${baseUrl}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        }),
        undefined,
      );
      return;
    }
    const principal: Principal = check.principal;
    const path = url.pathname.replace(/^\/v1\.0/i, '') || '/';
    const raw = await readBody(req);
    if (path.toLowerCase() === '/$batch') {
      accounting.endpoint('$batch');
      if (req.method !== 'POST') {
        writeGraph(
          req,
          res,
          graphError(
            ctx,
            405,
            'Request_BadRequest',
            'Specified HTTP method is not allowed for the request target.',
          ),
          undefined,
        );
        return;
      }
      let body: unknown;
      try {
        body = parseJsonBody(raw);
      } catch {
        writeGraph(
          req,
          res,
          graphError(
            ctx,
            400,
            'BadRequest',
            'Unable to read JSON request payload.',
          ),
          undefined,
        );
        return;
      }
      const result = await batch.execute(
        body,
        principal,
        ctx,
        arrivedAtMs,
        connection,
      );
      // Its items' Retry-After reached the client only if the body did. Timed
      // before writing: the client may read it before this process, which
      // shares two cores with it, runs again.
      const writtenAt = Date.now();
      if (writeGraph(req, res, result, undefined) === 'intact')
        result.delivered?.(writtenAt);
      return;
    }
    const greq: GraphRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : v,
        ]),
      ),
      prefer: headerValue(req, 'prefer')
        ? [headerValue(req, 'prefer') as string]
        : [],
      sentAtMs: arrivedAtMs,
      connection,
    };
    const outcome = await graph.execute(greq, principal, ctx);
    const writtenAt = Date.now();
    const written = writeGraph(req, res, outcome, outcome.mailboxId);
    // The answer is complete: the request is done, as Graph counts it. Not
    // on the response's 'close': under load this event loop may get to that
    // only after the client has read the answer and sent its next request,
    // which would count as one concurrent request too many.
    outcome.release?.();
    // A reset connection never carried the 429; a corrupted body still came
    // with its status and Retry-After header.
    if (written !== 'reset')
      graph.delivered(outcome, principal, connection, writtenAt);
  };

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const run = async () => {
      if (/^\/v1\.0(\/|$)/i.test(url.pathname))
        return handleGraph(req, res, url);
      if (url.pathname.startsWith('/_sim/') || url.pathname === '/_sim')
        return control.handle(req, res, url);
      if (await identity.handle(req, res, url)) return;
      sendJson(res, 404, {
        error: { code: 'NotFound', message: `No endpoint ${url.pathname}` },
      });
    };
    run().catch((e: unknown) => {
      // Never echo request content: the message names the failure class only.
      if (!res.headersSent)
        sendJson(res, 500, {
          error: {
            code: 'InternalServerError',
            message: e instanceof Error ? e.name : 'error',
          },
        });
      else res.destroy();
      process.emitWarning(
        `graph-simulator: request failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    });
  };

  const servers: Server[] = [];
  const listen = (server: Server, port: number, host: string) =>
    new Promise<AddressInfo>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolveListen(server.address() as AddressInfo);
      });
    });
  const tlsOptions = {
    key: tls.serverKeyPem,
    cert: tls.serverCertPem,
    ca: tls.caCertPem,
  };
  const host = options.host ?? '127.0.0.1';
  const primary = createServer(tlsOptions, handler);
  primary.keepAliveTimeout = 30_000;
  servers.push(primary);
  const address = await listen(primary, options.port ?? 0, host);
  // `localhost` may resolve to ::1 first: serve the same port there too when we can.
  if (host === '127.0.0.1') {
    const v6 = createServer(tlsOptions, handler);
    try {
      await listen(v6, address.port, '::1');
      servers.push(v6);
    } catch {
      // No IPv6 loopback on this machine: 127.0.0.1 alone is enough.
    }
  }
  baseUrl = `https://localhost:${address.port}`;
  auth.issuerBase = baseUrl;

  const credentials: SimulatorCredentials = {
    baseUrl,
    authorityUrl: `${baseUrl}/${store.data.tenantId}`,
    graphBaseUrl: `${baseUrl}/v1.0`,
    controlUrl: `${baseUrl}/_sim`,
    tenantId: store.data.tenantId,
    clientId: main.app.clientId,
    clientSecret: main.clientSecret,
    readBasic: {
      clientId: basic.app.clientId,
      clientSecret: basic.clientSecret,
    },
    certificate: {
      certificatePath: tls.clientCertPath,
      privateKeyPath: tls.clientKeyPath,
      thumbprintSha1: certificateThumbprintHex(tls.clientCertPem, 'sha1'),
      thumbprintSha256: certificateThumbprintHex(tls.clientCertPem, 'sha256'),
    },
    caCertPath: tls.caCertPath,
    users: store.users.map((u) => ({
      id: u.id,
      userPrincipalName: u.userPrincipalName,
      mail: u.mail,
      displayName: u.displayName,
    })),
    prospectsPath,
  };

  return {
    credentials,
    port: address.port,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolveClose) => {
              s.close(() => resolveClose());
              s.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
