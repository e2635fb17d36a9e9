import type { AccountingService } from './accounting.service.js';
import type { Principal } from './auth.service.js';
import type { DeltaService, DeltaState } from './delta.service.js';
import type { FaultService } from './faults.service.js';
import {
  graphError,
  jsonResult,
  throttledError,
  baseHeaders,
  type GraphResult,
  type RequestContext,
} from './graph-result.util.js';
import { etagOf, serialiseMessage } from './message-json.util.js';
import {
  BODY_PROPERTIES,
  MESSAGE_DEFAULT_PROPERTIES,
  ODataError,
  parseMessageSelect,
  parsePrefer,
  parseReceivedFilter,
  type MessageProperty,
  type Preferences,
} from './odata.util.js';
import type { OpaqueTokenCodec } from './opaque-token.util.js';
import type { TenantStore } from './tenant-store.js';
import type { ThrottleService } from './throttle.service.js';
import {
  FOLDER_NAMES,
  type FolderName,
  type FolderState,
  type SimUser,
} from './tenant.types.js';

export interface SimulatorConfig {
  deltaReturnsHeaders: boolean;
  readBasicWithholdsHeaders: boolean;
  /** Service time added to every Graph operation (Graph answers in tens of ms, not zero). */
  serviceTimeMs: number;
}

export interface GraphDeps {
  store: TenantStore;
  delta: DeltaService;
  codec: OpaqueTokenCodec;
  throttle: ThrottleService;
  accounting: AccountingService;
  faults: FaultService;
  config: SimulatorConfig;
  baseUrl: () => string;
}

/** One Graph operation: a direct /v1.0 request or one item of a $batch. */
export interface GraphRequest {
  method: string;
  /** Path below /v1.0, starting with "/". */
  path: string;
  query: URLSearchParams;
  /** Request headers, names lower-cased; Prefer values collected separately. */
  headers: Record<string, string | undefined>;
  prefer: string[];
  body?: unknown;
  /**
   * When the client sent the operation (epoch ms): a direct request's arrival,
   * or, for a $batch item, its envelope's. Items queued behind a throttled
   * sibling were sent before that 429 existed, so Retry-After is judged
   * against this moment, not the item's start.
   */
  sentAtMs?: number;
  /** The HTTP connection it came on (a $batch item: its envelope's). */
  connection?: number;
}

export interface GraphOutcome extends GraphResult {
  mailboxId?: string;
  /**
   * A Retry-After this outcome gives its mailbox. The client learns it only
   * when the response reaches it (for a $batch item: when the whole batch
   * response does), so it is accounted by `delivered`, not when decided.
   */
  retryAfter?: { seconds: number; throttled: boolean };
  /** Frees the throttle slot; call once the response has been sent. */
  release?: () => void;
}

type Route =
  | { kind: 'users' }
  | { kind: 'user'; user: string }
  | { kind: 'folders'; user: string }
  | { kind: 'folder'; user: string; folder: string }
  | { kind: 'folderMessages'; user: string; folder: string }
  | { kind: 'delta'; user: string; folder: string }
  | { kind: 'mailboxDelta'; user: string }
  | { kind: 'messages'; user: string }
  | { kind: 'message'; user: string; folder?: string; message: string }
  | { kind: 'mime'; user: string; folder?: string; message: string };

const ME = '\u0000me';

/** Splits "users/x/mailFolders('y')/messages/delta" into segments, key('value') forms unwrapped. */
export function splitGraphPath(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/')) {
    if (!raw) continue;
    const seg = decodeURIComponent(raw);
    const m = /^([A-Za-z$.]+)\('(.*)'\)$/.exec(seg);
    if (m) out.push(m[1] as string, (m[2] as string).replace(/''/g, "'"));
    else out.push(seg);
  }
  return out;
}

export function parseRoute(path: string): Route | undefined {
  const s = splitGraphPath(path);
  const lower = s.map((x) => x.toLowerCase());
  let user: string;
  let rest: string[];
  let restLower: string[];
  if (lower[0] === 'me') {
    user = ME;
    rest = s.slice(1);
    restLower = lower.slice(1);
  } else if (lower[0] === 'users') {
    if (s.length === 1) return { kind: 'users' };
    user = s[1] as string;
    rest = s.slice(2);
    restLower = lower.slice(2);
  } else return undefined;
  const r = restLower.join('/');
  if (r === '') return { kind: 'user', user };
  if (r === 'mailfolders') return { kind: 'folders', user };
  if (restLower[0] === 'mailfolders' && rest.length >= 2) {
    const folder = rest[1] as string;
    const tail = restLower.slice(2);
    if (tail.length === 0) return { kind: 'folder', user, folder };
    if (tail[0] !== 'messages') return undefined;
    if (tail.length === 1) return { kind: 'folderMessages', user, folder };
    if (tail.length === 2 && tail[1] === 'delta')
      return { kind: 'delta', user, folder };
    if (tail.length === 2)
      return { kind: 'message', user, folder, message: rest[3] as string };
    if (tail.length === 3 && tail[2] === '$value')
      return { kind: 'mime', user, folder, message: rest[3] as string };
    return undefined;
  }
  if (restLower[0] === 'messages') {
    if (rest.length === 1) return { kind: 'messages', user };
    if (rest.length === 2 && restLower[1] === 'delta')
      return { kind: 'mailboxDelta', user };
    if (rest.length === 2)
      return { kind: 'message', user, message: rest[1] as string };
    if (rest.length === 3 && restLower[2] === '$value')
      return { kind: 'mime', user, message: rest[1] as string };
  }
  return undefined;
}

export function endpointName(route: Route | undefined): string {
  if (!route) return 'unknown';
  switch (route.kind) {
    case 'users':
      return 'users';
    case 'user':
      return 'users/{id}';
    case 'folders':
      return 'mailFolders';
    case 'folder':
      return 'mailFolders/{id}';
    case 'folderMessages':
      return 'mailFolders/{id}/messages';
    case 'delta':
      return 'messages/delta';
    case 'mailboxDelta':
      return 'messages/delta (mailbox)';
    case 'messages':
      return 'messages';
    case 'message':
      return 'messages/{id}';
    case 'mime':
      return 'messages/{id}/$value';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ACCESS_DENIED = 'Access is denied. Check credentials and try again.';

export class GraphApiService {
  constructor(private readonly d: GraphDeps) {}

  /** The mailbox an operation touches (for throttling and $batch scheduling), before it runs. */
  mailboxOf(req: GraphRequest, principal: Principal): string | undefined {
    const route = parseRoute(req.path);
    if (!route || route.kind === 'users') return undefined;
    if (route.user === ME) return principal.userId;
    return this.d.store.findUser(route.user)?.id ?? route.user.toLowerCase();
  }

  async execute(
    req: GraphRequest,
    principal: Principal,
    ctx: RequestContext,
  ): Promise<GraphOutcome> {
    const route = parseRoute(req.path);
    const now = Date.now();
    this.d.accounting.endpoint(endpointName(route));
    const mailboxId =
      route && route.kind !== 'users'
        ? this.mailboxOf(req, principal)
        : undefined;
    this.d.accounting.operation(
      principal.clientId,
      mailboxId,
      req.sentAtMs ?? now,
      req.connection,
    );
    if (!route) {
      const seg = splitGraphPath(req.path)[0] ?? '';
      return graphError(
        ctx,
        400,
        'BadRequest',
        `Resource not found for the segment '${seg}'.`,
      );
    }
    if (req.method !== 'GET') {
      return graphError(
        ctx,
        405,
        'Request_BadRequest',
        'Specified HTTP method is not allowed for the request target.',
      );
    }
    if (!mailboxId) return this.run(route, undefined, req, principal, ctx);

    const decision = this.d.throttle.acquire(
      principal.clientId,
      mailboxId,
      now,
    );
    if (!decision.ok) {
      this.d.accounting.throttledSent();
      return {
        ...throttledError(ctx, decision.retryAfterSeconds),
        mailboxId,
        retryAfter: { seconds: decision.retryAfterSeconds, throttled: true },
      };
    }
    this.d.accounting.enter(mailboxId);
    // The slot is held until the caller has written the whole answer (release):
    // concurrency is measured from arrival to the complete response.
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      decision.release();
      this.d.accounting.leave(mailboxId);
    };
    try {
      const latency =
        this.d.config.serviceTimeMs + this.d.faults.latencyMs(mailboxId);
      if (latency > 0) await sleep(latency);
      const fault = this.d.faults.statusFault(mailboxId);
      if (fault)
        return {
          ...this.faultResult(fault, ctx),
          mailboxId,
          release,
        };
      return {
        ...this.run(route, mailboxId, req, principal, ctx),
        mailboxId,
        release,
      };
    } catch (e) {
      release();
      throw e;
    }
  }

  /** The outcome's response has reached the client (on `connection`): its Retry-After starts now. */
  delivered(
    outcome: GraphOutcome,
    principal: Principal,
    connection?: number,
    atMs = Date.now(),
  ): void {
    if (!outcome.retryAfter) return;
    this.d.accounting.retryAfterSent(
      principal.clientId,
      outcome.mailboxId,
      outcome.retryAfter.seconds,
      atMs,
      connection,
    );
  }

  private faultResult(
    fault: '429' | '500' | '503' | '504',
    ctx: RequestContext,
  ): GraphOutcome {
    const ra = this.d.faults.retryAfterSeconds();
    switch (fault) {
      case '429':
        this.d.accounting.throttledSent();
        return {
          ...throttledError(ctx, ra),
          retryAfter: { seconds: ra, throttled: true },
        };
      case '500':
        return graphError(
          ctx,
          500,
          'InternalServerError',
          'An internal server error occurred. The operation failed.',
        );
      case '503':
        return {
          ...graphError(
            ctx,
            503,
            'ServiceUnavailable',
            'The service is temporarily unavailable. Please try again later.',
            { 'retry-after': String(ra) },
          ),
          retryAfter: { seconds: ra, throttled: false },
        };
      case '504':
        return graphError(
          ctx,
          504,
          'GatewayTimeout',
          'The gateway did not receive a timely response from the upstream server.',
        );
    }
  }

  private run(
    route: Route,
    mailboxId: string | undefined,
    req: GraphRequest,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    try {
      if (!principal.app.consented) {
        return graphError(
          ctx,
          403,
          route.kind === 'users' || route.kind === 'user'
            ? 'Authorization_RequestDenied'
            : 'ErrorAccessDenied',
          route.kind === 'users' || route.kind === 'user'
            ? 'Insufficient privileges to complete the operation.'
            : ACCESS_DENIED,
        );
      }
      if (route.kind === 'users') return this.listUsers(req, principal, ctx);
      if (route.user === ME && !principal.userId) {
        return graphError(
          ctx,
          400,
          'BadRequest',
          '/me request is only valid with delegated authentication flow.',
        );
      }
      const user = mailboxId ? this.d.store.findUser(mailboxId) : undefined;
      if (route.kind === 'user') {
        if (!user || user.deleted) {
          return graphError(
            ctx,
            404,
            'Request_ResourceNotFound',
            `Resource '${route.user === ME ? 'me' : route.user}' does not exist or one of its queried reference-property objects are not present.`,
          );
        }
        return jsonResult(ctx, 200, {
          '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users/$entity`,
          ...userJson(user),
        });
      }
      if (!user || user.deleted) {
        return graphError(
          ctx,
          404,
          'ErrorInvalidUser',
          `The requested user '${route.user === ME ? 'me' : route.user}' is invalid.`,
        );
      }
      if (user.disabled) {
        return graphError(
          ctx,
          404,
          'MailboxNotEnabledForRESTAPI',
          'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
        );
      }
      if (
        principal.mail === 'none' ||
        (principal.userId && principal.userId !== user.id)
      ) {
        return graphError(ctx, 403, 'ErrorAccessDenied', ACCESS_DENIED);
      }
      const prefs = parsePrefer(req.prefer);
      switch (route.kind) {
        case 'folders':
          return jsonResult(ctx, 200, {
            '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users('${user.id}')/mailFolders`,
            value: FOLDER_NAMES.map((f) =>
              this.folderJson(user, user.folders[f]),
            ),
          });
        case 'folder': {
          const folder = this.findFolder(user, route.folder);
          if (!folder)
            return graphError(
              ctx,
              404,
              'ErrorItemNotFound',
              'The specified object was not found in the store.',
            );
          return jsonResult(ctx, 200, {
            '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users('${user.id}')/mailFolders/$entity`,
            ...this.folderJson(user, folder),
          });
        }
        case 'mailboxDelta':
          return graphError(
            ctx,
            400,
            'ErrorInvalidRequest',
            'Change tracking is not supported against the messages of a mailbox; use a folder: /mailFolders/{id}/messages/delta.',
          );
        case 'delta':
          return this.delta(user, route.folder, req, prefs, principal, ctx);
        case 'folderMessages':
        case 'messages':
          return this.listMessages(
            user,
            route.kind === 'folderMessages' ? route.folder : undefined,
            req,
            prefs,
            principal,
            ctx,
          );
        case 'message':
          return this.getMessage(
            user,
            route.folder,
            route.message,
            req,
            prefs,
            principal,
            ctx,
          );
        case 'mime':
          return this.getMime(
            user,
            route.folder,
            route.message,
            principal,
            ctx,
          );
      }
    } catch (e) {
      if (e instanceof ODataError)
        return graphError(ctx, e.status, e.code, e.message);
      throw e;
    }
  }

  private findFolder(user: SimUser, ref: string): FolderState | undefined {
    const lower = ref.toLowerCase();
    return FOLDER_NAMES.map((f) => user.folders[f]).find(
      (f) => f.name === lower || f.id === ref,
    );
  }

  private folderJson(
    user: SimUser,
    folder: FolderState,
  ): Record<string, unknown> {
    const live = this.d.store.liveRecords(user, folder.name);
    return {
      id: folder.id,
      displayName: folder.displayName,
      parentFolderId: `AQMkA${user.id.replace(/-/g, '')}AAAAAAEIAAAA`,
      childFolderCount: 0,
      unreadItemCount: live.filter((r) => !r.isRead).length,
      totalItemCount: live.length,
      isHidden: false,
    };
  }

  private listUsers(
    req: GraphRequest,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    if (principal.mail === 'none' && !principal.userId) {
      return graphError(
        ctx,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }
    const skip = req.query.get('$skiptoken');
    let offset = 0;
    if (skip) {
      const state = this.d.codec.open<{ o: number; t: number }>(skip);
      if (!state)
        return graphError(
          ctx,
          400,
          'Directory_InvalidPagingToken',
          'Invalid paging token.',
        );
      offset = state.o;
    }
    const topRaw = skip
      ? String(this.d.codec.open<{ o: number; t: number }>(skip)?.t ?? 100)
      : (req.query.get('$top') ?? '100');
    const top = Math.min(999, Math.max(1, Number.parseInt(topRaw, 10) || 100));
    const users = this.d.store.users.filter((u) => !u.deleted);
    const page = users.slice(offset, offset + top);
    const select = req.query
      .get('$select')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const value = page.map((u) => {
      const full = userJson(u);
      if (!select) return full;
      const out: Record<string, unknown> = { id: u.id };
      for (const k of select) if (k in full) out[k] = full[k];
      return out;
    });
    const body: Record<string, unknown> = {
      '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users`,
    };
    if (offset + top < users.length) {
      body['@odata.nextLink'] =
        `${this.d.baseUrl()}/v1.0/users?$top=${top}${select ? `&$select=${select.join(',')}` : ''}&$skiptoken=${this.d.codec.seal({ o: offset + top, t: top })}`;
    }
    body['value'] = value;
    return jsonResult(ctx, 200, body);
  }

  /** ReadBasic tokens may not select body properties (graph-facts "The message resource"). */
  private properties(
    select: MessageProperty[] | undefined,
    principal: Principal,
  ): MessageProperty[] | 'denied' {
    if (principal.mail === 'basic') {
      if (select?.some((p) => BODY_PROPERTIES.includes(p))) return 'denied';
      return (
        select ??
        MESSAGE_DEFAULT_PROPERTIES.filter((p) => !BODY_PROPERTIES.includes(p))
      );
    }
    return select ?? [...MESSAGE_DEFAULT_PROPERTIES];
  }

  private preferenceApplied(prefs: Preferences): Record<string, string> {
    return prefs.applied.length
      ? { 'preference-applied': prefs.applied.join(', ') }
      : {};
  }

  private delta(
    user: SimUser,
    folderRef: string,
    req: GraphRequest,
    prefs: Preferences,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    const folder = this.findFolder(user, folderRef);
    if (!folder)
      return graphError(
        ctx,
        404,
        'ErrorSyncFolderNotFound',
        'The sync folder could not be found.',
      );
    const freshLink = `${this.d.baseUrl()}/v1.0/users/${user.id}/mailfolders('${folder.id}')/messages/delta`;
    const token = req.query.get('$deltatoken') ?? req.query.get('$skiptoken');
    let state: DeltaState | undefined;
    if (token !== null) {
      state = this.d.codec.open<DeltaState>(token);
      if (
        !state ||
        state.v !== 1 ||
        state.u !== user.id ||
        state.f !== folder.name
      ) {
        return graphError(
          ctx,
          410,
          'SyncStateInvalid',
          'The sync state is invalid. Restart the synchronization.',
          { location: freshLink },
        );
      }
      if (state.e !== user.deltaEpoch) {
        return graphError(
          ctx,
          410,
          'SyncStateNotFound',
          'The sync state could not be found. Restart the synchronization.',
          { location: freshLink },
        );
      }
    } else {
      const select = parseMessageSelect(req.query.get('$select'));
      const filter = parseReceivedFilter(req.query.get('$filter'));
      if (
        req.query.get('$orderby') &&
        !/^\s*receivedDateTime\s+desc\s*$/i.test(
          req.query.get('$orderby') ?? '',
        )
      ) {
        return graphError(
          ctx,
          400,
          'ErrorInvalidUrlQuery',
          'The only supported $orderby for message delta is receivedDateTime desc.',
        );
      }
      state = this.d.delta.initialState(user, folder.name, select, filter);
    }
    const props = this.properties(state.s, principal);
    if (props === 'denied')
      return graphError(ctx, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    const page = this.d.delta.page(user, state, {
      pageSize: Math.min(1000, prefs.maxPageSize ?? 10),
      immutableId: prefs.immutableId,
      bodyText: prefs.bodyText,
      withholdHeaders:
        principal.mail === 'basic' && this.d.config.readBasicWithholdsHeaders,
      includeHeaders: this.d.config.deltaReturnsHeaders,
      defaultProperties: props,
      emptyPage: token !== null && this.d.faults.emptyPage(user.id),
    });
    const link = `${freshLink}?${page.next.k === 'delta' ? '$deltatoken' : '$skiptoken'}=${this.d.codec.seal(page.next)}`;
    const body: Record<string, unknown> = {
      '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#Collection(message)`,
    };
    body[page.next.k === 'delta' ? '@odata.deltaLink' : '@odata.nextLink'] =
      link;
    body['value'] = page.items;
    return jsonResult(
      ctx,
      200,
      body,
      page.bodyBytes,
      this.preferenceApplied(prefs),
    );
  }

  private listMessages(
    user: SimUser,
    folderRef: string | undefined,
    req: GraphRequest,
    prefs: Preferences,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    const folder =
      folderRef !== undefined ? this.findFolder(user, folderRef) : undefined;
    if (folderRef !== undefined && !folder)
      return graphError(
        ctx,
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      );
    const props = this.properties(
      parseMessageSelect(req.query.get('$select')),
      principal,
    );
    if (props === 'denied')
      return graphError(ctx, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    const records = (folder ? [folder.name] : FOLDER_NAMES)
      .flatMap((f: FolderName) => this.d.store.liveRecords(user, f))
      .sort((a, b) => b.receivedMs - a.receivedMs);
    const top = Math.min(
      1000,
      Math.max(
        1,
        Number.parseInt(
          req.query.get('$top') ?? String(prefs.maxPageSize ?? 10),
          10,
        ) || 10,
      ),
    );
    const skip = Math.max(
      0,
      Number.parseInt(req.query.get('$skip') ?? '0', 10) || 0,
    );
    let bodyBytes = 0;
    const value = records.slice(skip, skip + top).map((r) => {
      const s = serialiseMessage(user, r, this.d.store.content(user, r), {
        properties: props,
        immutableId: prefs.immutableId,
        bodyText: prefs.bodyText,
        withholdHeaders:
          principal.mail === 'basic' && this.d.config.readBasicWithholdsHeaders,
      });
      bodyBytes += s.bodyBytes;
      return { '@odata.etag': etagOf(r), ...s.json };
    });
    const base = `${this.d.baseUrl()}/v1.0/users/${user.id}/${folder ? `mailFolders('${folder.id}')/` : ''}messages`;
    const body: Record<string, unknown> = {
      '@odata.context': `${this.d.baseUrl()}/v1.0/$metadata#users('${user.id}')/messages`,
    };
    body['value'] = value;
    if (skip + top < records.length) {
      const q = new URLSearchParams(req.query);
      q.set('$top', String(top));
      q.set('$skip', String(skip + top));
      body['@odata.nextLink'] =
        `${base}?${q.toString().replace(/%24/g, '$').replace(/%2C/g, ',')}`;
    }
    return jsonResult(ctx, 200, body, bodyBytes, this.preferenceApplied(prefs));
  }

  private findMessage(
    user: SimUser,
    folderRef: string | undefined,
    id: string,
  ) {
    const record = this.d.store.findMessage(user, id);
    if (!record) return undefined;
    if (
      folderRef !== undefined &&
      this.findFolder(user, folderRef)?.name !== record.folder
    )
      return undefined;
    return record;
  }

  private getMessage(
    user: SimUser,
    folderRef: string | undefined,
    id: string,
    req: GraphRequest,
    prefs: Preferences,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    const select = parseMessageSelect(req.query.get('$select'));
    const props = this.properties(select, principal);
    if (props === 'denied')
      return graphError(ctx, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    const record = this.findMessage(user, folderRef, id);
    if (!record)
      return graphError(
        ctx,
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      );
    const s = serialiseMessage(
      user,
      record,
      this.d.store.content(user, record),
      {
        properties: props,
        immutableId: prefs.immutableId,
        bodyText: prefs.bodyText,
        withholdHeaders:
          principal.mail === 'basic' && this.d.config.readBasicWithholdsHeaders,
      },
    );
    const context = `${this.d.baseUrl()}/v1.0/$metadata#users('${user.id}')/messages${select ? `(${select.join(',')})` : ''}/$entity`;
    return jsonResult(
      ctx,
      200,
      { '@odata.context': context, '@odata.etag': etagOf(record), ...s.json },
      s.bodyBytes,
      this.preferenceApplied(prefs),
    );
  }

  private getMime(
    user: SimUser,
    folderRef: string | undefined,
    id: string,
    principal: Principal,
    ctx: RequestContext,
  ): GraphResult {
    if (principal.mail !== 'full')
      return graphError(ctx, 403, 'ErrorAccessDenied', ACCESS_DENIED);
    const record = this.findMessage(user, folderRef, id);
    if (!record)
      return graphError(
        ctx,
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      );
    const raw = Buffer.from(this.d.store.content(user, record).mime(), 'utf8');
    // All of the MIME counts as body bytes: it carries the full content.
    return {
      status: 200,
      headers: { ...baseHeaders(ctx), 'content-type': 'text/plain' },
      raw,
      bodyBytes: raw.length,
    };
  }
}

export function userJson(u: SimUser): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    id: u.id,
  };
}
