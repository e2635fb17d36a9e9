import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountingService } from './accounting.service.js';
import { APP_ROLES, type AppRole, type AuthService } from './auth.service.js';
import type { FaultConfig, FaultService } from './faults.service.js';
import type { SimulatorConfig } from './graph-api.service.js';
import { readBody, sendEmpty, sendJson } from './http.util.js';
import { isRecord } from './jwt.util.js';
import type {
  DeliveredMessage,
  MessagePatch,
  TenantStore,
} from './tenant-store.js';
import type { ThrottleService } from './throttle.service.js';
import { FOLDER_NAMES, type SimUser } from './tenant.types.js';

export interface ControlDeps {
  store: TenantStore;
  auth: AuthService;
  throttle: ThrottleService;
  accounting: AccountingService;
  faults: FaultService;
  config: SimulatorConfig;
  prospectsPath: string;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function num(v: unknown, name: string, min = 0): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
    throw new ControlError(400, `${name} must be a number >= ${min}`);
  return v;
}

function bool(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean')
    throw new ControlError(400, `${name} must be true or false`);
  return v;
}

function person(v: unknown): { name: string; address: string } | undefined {
  // Both Graph's recipient shape {emailAddress:{name,address}} and a bare {name,address}.
  const inner =
    isRecord(v) && isRecord(v['emailAddress']) ? v['emailAddress'] : v;
  if (!isRecord(inner) || typeof inner['address'] !== 'string')
    return undefined;
  return {
    name: typeof inner['name'] === 'string' ? inner['name'] : inner['address'],
    address: inner['address'],
  };
}

function people(v: unknown): { name: string; address: string }[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v
    .map(person)
    .filter((p): p is { name: string; address: string } => p !== undefined);
}

function normaliseDelivered(m: Record<string, unknown>): DeliveredMessage {
  const out: DeliveredMessage = {};
  if (typeof m['subject'] === 'string') out.subject = m['subject'];
  const from = person(m['from']);
  if (from) out.from = from;
  const to = people(m['toRecipients']);
  if (to) out.toRecipients = to;
  const cc = people(m['ccRecipients']);
  if (cc) out.ccRecipients = cc;
  if (isRecord(m['body'])) {
    out.body = {
      contentType: m['body']['contentType'] === 'text' ? 'text' : 'html',
      content:
        typeof m['body']['content'] === 'string' ? m['body']['content'] : '',
    };
  }
  if (Array.isArray(m['internetMessageHeaders'])) {
    out.internetMessageHeaders = (m['internetMessageHeaders'] as unknown[])
      .filter(isRecord)
      .map((h) => ({ name: String(h['name']), value: String(h['value']) }));
  }
  if (typeof m['internetMessageId'] === 'string')
    out.internetMessageId = m['internetMessageId'];
  if (typeof m['isRead'] === 'boolean') out.isRead = m['isRead'];
  return out;
}

/** The simulator's own API under /_sim (documented in the README). Not part of Graph. */
export class ControlApi {
  constructor(private readonly d: ControlDeps) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    try {
      await this.route(req, res, url);
    } catch (e) {
      if (e instanceof ControlError)
        sendJson(res, e.status, { error: e.message });
      else if (e instanceof SyntaxError)
        sendJson(res, 400, { error: `invalid JSON: ${e.message}` });
      else throw e;
    }
  }

  private user(id: string): SimUser {
    const u = this.d.store.findUser(decodeURIComponent(id));
    if (!u) throw new ControlError(404, `no user ${id}`);
    return u;
  }

  private async json(req: IncomingMessage): Promise<Record<string, unknown>> {
    const buf = await readBody(req);
    if (buf.length === 0) return {};
    const v: unknown = JSON.parse(buf.toString('utf8'));
    if (!isRecord(v)) throw new ControlError(400, 'body must be a JSON object');
    return v;
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<void> {
    const p = url.pathname
      .replace(/^\/_sim/, '')
      .split('/')
      .filter(Boolean);
    const m = req.method ?? 'GET';
    const key = `${m} /${p.map((s, i) => (p[i - 1] === 'users' || p[i - 1] === 'messages' ? '*' : s)).join('/')}`;
    const now = Date.now();
    switch (key) {
      case 'GET /tenant':
        sendJson(res, 200, this.tenant());
        return;
      case 'GET /prospects':
        sendJson(
          res,
          200,
          this.d.store.data.prospects.map((x) => ({
            email: x.email,
            accountDomain: x.accountDomain,
            name: x.name,
            company: x.company,
          })),
        );
        return;
      case 'GET /users/*/truth':
        sendJson(res, 200, this.truth(this.user(p[1] as string)));
        return;
      case 'GET /accounting':
        sendJson(res, 200, this.d.accounting.snapshot());
        return;
      case 'POST /accounting/reset':
        this.d.accounting.reset();
        sendEmpty(res, 204);
        return;
      case 'POST /throttle/reset':
        this.d.throttle.reset();
        sendEmpty(res, 204);
        return;
      case 'GET /config':
        sendJson(res, 200, this.config());
        return;
      case 'PUT /config':
        this.setConfig(await this.json(req));
        sendJson(res, 200, this.config());
        return;
      case 'GET /faults':
        sendJson(res, 200, this.d.faults.config);
        return;
      case 'PUT /faults':
        this.d.faults.set(this.parseFaults(await this.json(req)));
        sendJson(res, 200, this.d.faults.config);
        return;
      case 'DELETE /faults':
        this.d.faults.clear();
        sendEmpty(res, 204);
        return;
      case 'POST /tokens/revoke':
        this.d.auth.revokeAllTokens();
        sendEmpty(res, 204);
        return;
      case 'POST /consent/revoke':
      case 'POST /consent/grant': {
        const body = await this.json(req);
        const clientId =
          typeof body['clientId'] === 'string' ? body['clientId'] : '';
        if (!this.d.auth.setConsent(clientId, p[1] === 'grant'))
          throw new ControlError(404, `no app ${clientId}`);
        sendEmpty(res, 204);
        return;
      }
      case 'POST /apps': {
        const body = await this.json(req);
        const roles = Array.isArray(body['roles']) ? body['roles'] : [];
        if (!roles.every((r): r is AppRole => APP_ROLES.includes(r as AppRole)))
          throw new ControlError(
            400,
            `roles must be among ${APP_ROLES.join(', ')}`,
          );
        const pem =
          typeof body['certificatePem'] === 'string'
            ? body['certificatePem']
            : undefined;
        let created;
        try {
          created = this.d.auth.registerApp(
            roles,
            typeof body['displayName'] === 'string'
              ? body['displayName']
              : 'Headersync test app',
            pem,
          );
        } catch {
          throw new ControlError(
            400,
            'certificatePem is not a PEM X.509 certificate',
          );
        }
        sendJson(res, 201, {
          clientId: created.app.clientId,
          clientSecret: created.clientSecret,
          roles,
        });
        return;
      }
      case 'POST /users/*/delta/invalidate':
        this.user(p[1] as string).deltaEpoch++;
        sendEmpty(res, 204);
        return;
      case 'POST /users/*/disable':
        this.user(p[1] as string).disabled = true;
        sendEmpty(res, 204);
        return;
      case 'POST /users/*/enable': {
        const u = this.user(p[1] as string);
        u.disabled = false;
        u.deleted = false;
        sendEmpty(res, 204);
        return;
      }
      case 'POST /users/*/delete':
        this.user(p[1] as string).deleted = true;
        sendEmpty(res, 204);
        return;
      case 'POST /users/*/deliver': {
        const user = this.user(p[1] as string);
        const body = await this.json(req);
        const created = [];
        if (Array.isArray(body['messages'])) {
          for (const m of body['messages'] as unknown[]) {
            if (!isRecord(m))
              throw new ControlError(400, 'messages must be objects');
            created.push(
              this.d.store.deliverPartial(user, normaliseDelivered(m), now),
            );
          }
        }
        const count =
          body['count'] === undefined
            ? created.length
              ? 0
              : 1
            : num(body['count'], 'count');
        created.push(
          ...this.d.store.deliverGenerated(user, Math.min(10_000, count), now),
        );
        sendJson(res, 201, {
          messages: created.map((r) => ({
            id: r.id,
            immutableId: r.immutableId,
            folder: r.folder,
          })),
        });
        return;
      }
      case 'POST /users/*/eml': {
        const user = this.user(p[1] as string);
        const raw = await readBody(req);
        if (raw.length === 0)
          throw new ControlError(400, 'the body must be an RFC 5322 message');
        const r = this.d.store.loadEml(user, raw, now);
        sendJson(res, 201, {
          id: r.id,
          immutableId: r.immutableId,
          folder: r.folder,
        });
        return;
      }
      case 'PATCH /users/*/messages/*': {
        const user = this.user(p[1] as string);
        const record = this.d.store.findMessage(
          user,
          decodeURIComponent(p[3] as string),
        );
        if (!record) throw new ControlError(404, 'no such message');
        const body = await this.json(req);
        const patch: MessagePatch = {};
        if (body['isRead'] !== undefined)
          patch.isRead = bool(body['isRead'], 'isRead');
        if (
          isRecord(body['flag']) &&
          ['notFlagged', 'flagged', 'complete'].includes(
            String(body['flag']['flagStatus']),
          )
        ) {
          patch.flag = {
            flagStatus: body['flag']['flagStatus'] as
              | 'notFlagged'
              | 'flagged'
              | 'complete',
          };
        }
        if (Array.isArray(body['categories']))
          patch.categories = (body['categories'] as unknown[]).map(String);
        this.d.store.patch(user, record, patch, now);
        sendJson(res, 200, { id: record.id, immutableId: record.immutableId });
        return;
      }
      case 'DELETE /users/*/messages/*': {
        const user = this.user(p[1] as string);
        const record = this.d.store.findMessage(
          user,
          decodeURIComponent(p[3] as string),
        );
        if (!record) throw new ControlError(404, 'no such message');
        this.d.store.remove(user, record);
        sendEmpty(res, 204);
        return;
      }
      default:
        throw new ControlError(404, `no control endpoint ${m} ${url.pathname}`);
    }
  }

  private tenant(): Record<string, unknown> {
    const t = this.d.store.data;
    return {
      tenantId: t.tenantId,
      domain: t.domain,
      seed: t.seed,
      anchorDateTime: new Date(t.anchorMs).toISOString(),
      users: t.users.map((u) => ({
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        mail: u.mail,
        displayName: u.displayName,
        disabled: u.disabled,
        deleted: u.deleted,
        folders: Object.fromEntries(
          FOLDER_NAMES.map((f) => [
            f,
            {
              id: u.folders[f].id,
              displayName: u.folders[f].displayName,
              messageCount: this.d.store.liveRecords(u, f).length,
            },
          ]),
        ),
      })),
      prospectsPath: this.d.prospectsPath,
      prospects: t.prospects.map((x) => ({
        email: x.email,
        accountDomain: x.accountDomain,
      })),
      accounts: t.accounts.map((a) => ({
        company: a.company,
        domain: a.domain,
      })),
    };
  }

  private truth(user: SimUser): Record<string, unknown>[] {
    return FOLDER_NAMES.flatMap((f) =>
      this.d.store.liveRecords(user, f).map((r) => {
        const c = this.d.store.content(user, r);
        return {
          id: r.id,
          immutableId: r.immutableId,
          folder: f,
          receivedDateTime: new Date(r.receivedMs).toISOString(),
          internetMessageId: c.internetMessageId,
          subject: c.subject,
          from: c.from.address,
          ...c.truth,
        };
      }),
    );
  }

  private config(): Record<string, unknown> {
    return {
      throttle: this.d.throttle.config,
      deltaReturnsHeaders: this.d.config.deltaReturnsHeaders,
      readBasicWithholdsHeaders: this.d.config.readBasicWithholdsHeaders,
      tokenLifetimeSeconds: this.d.auth.tokenLifetimeSeconds,
      retryAfterGraceMs: this.d.accounting.graceMs,
      serviceTimeMs: this.d.config.serviceTimeMs,
    };
  }

  private setConfig(body: Record<string, unknown>): void {
    if (body['throttle'] !== undefined) {
      const t = body['throttle'];
      if (!isRecord(t))
        throw new ControlError(400, 'throttle must be an object');
      const next = { ...this.d.throttle.config };
      if (t['limit'] !== undefined)
        next.limit = num(t['limit'], 'throttle.limit', 1);
      if (t['windowMs'] !== undefined)
        next.windowMs = num(t['windowMs'], 'throttle.windowMs', 1);
      if (t['concurrency'] !== undefined)
        next.concurrency = num(t['concurrency'], 'throttle.concurrency', 1);
      this.d.throttle.config = next;
      this.d.throttle.reset();
    }
    if (body['deltaReturnsHeaders'] !== undefined)
      this.d.config.deltaReturnsHeaders = bool(
        body['deltaReturnsHeaders'],
        'deltaReturnsHeaders',
      );
    if (body['readBasicWithholdsHeaders'] !== undefined)
      this.d.config.readBasicWithholdsHeaders = bool(
        body['readBasicWithholdsHeaders'],
        'readBasicWithholdsHeaders',
      );
    if (body['tokenLifetimeSeconds'] !== undefined)
      this.d.auth.tokenLifetimeSeconds = num(
        body['tokenLifetimeSeconds'],
        'tokenLifetimeSeconds',
        1,
      );
    if (body['serviceTimeMs'] !== undefined)
      this.d.config.serviceTimeMs = num(body['serviceTimeMs'], 'serviceTimeMs');
    if (body['retryAfterGraceMs'] !== undefined)
      this.d.accounting.graceMs = num(
        body['retryAfterGraceMs'],
        'retryAfterGraceMs',
      );
  }

  private parseFaults(body: Record<string, unknown>): FaultConfig {
    const out: FaultConfig = {};
    if (body['rates'] !== undefined) {
      if (!isRecord(body['rates']))
        throw new ControlError(400, 'rates must be an object');
      const rates: NonNullable<FaultConfig['rates']> = {};
      for (const [k, v] of Object.entries(body['rates'])) {
        if (
          ![
            '429',
            '500',
            '503',
            '504',
            'malformedJson',
            'truncatedJson',
            'connectionReset',
            'emptyPage',
          ].includes(k)
        )
          throw new ControlError(400, `unknown fault ${k}`);
        const p = num(v, `rates.${k}`);
        if (p > 1)
          throw new ControlError(
            400,
            `rates.${k} must be a probability in [0, 1]`,
          );
        rates[k as keyof typeof rates] = p;
      }
      out.rates = rates;
    }
    if (body['latencyMs'] !== undefined)
      out.latencyMs = num(body['latencyMs'], 'latencyMs');
    if (body['retryAfterSeconds'] !== undefined)
      out.retryAfterSeconds = num(
        body['retryAfterSeconds'],
        'retryAfterSeconds',
        0,
      );
    if (body['userId'] !== undefined) {
      if (typeof body['userId'] !== 'string')
        throw new ControlError(400, 'userId must be a string');
      out.userId = this.user(body['userId']).id;
    }
    return out;
  }
}
