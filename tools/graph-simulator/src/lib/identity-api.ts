import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountingService } from './accounting.service.js';
import type { AuthService, OAuthError } from './auth.service.js';
import { readBody, redirect, sendJson } from './http.util.js';
import type { TenantStore } from './tenant-store.js';

export interface IdentityDeps {
  auth: AuthService;
  store: TenantStore;
  accounting: AccountingService;
  baseUrl: () => string;
}

function isOAuthError(v: unknown): v is OAuthError {
  return (
    typeof v === 'object' &&
    v !== null &&
    'error' in v &&
    'code' in v &&
    'status' in v
  );
}

/**
 * The Microsoft identity platform as MSAL sees it: OIDC discovery, instance
 * discovery, JWKS, the v2.0 token endpoint, authorize and admin consent.
 */
export class IdentityApi {
  constructor(private readonly d: IdentityDeps) {}

  /** Tenant path segments Entra ID accepts: the id, a verified domain, or the multi-tenant aliases. */
  private tenantMatches(segment: string, allowCommon: boolean): boolean {
    const s = segment.toLowerCase();
    if (
      s === this.d.auth.tenantId ||
      s === this.d.store.data.domain ||
      s === 'contoso.onmicrosoft.com'
    )
      return true;
    return allowCommon && (s === 'common' || s === 'organizations');
  }

  private oauthError(res: ServerResponse, e: OAuthError): void {
    const { traceId, correlationId } = this.d.auth.newTraceIds();
    this.d.accounting.token(false);
    sendJson(
      res,
      e.status,
      {
        error: e.error,
        error_description: `${e.description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${new Date().toISOString().replace('T', ' ').slice(0, 19)}Z`,
        error_codes: [e.code],
        timestamp:
          new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${this.d.baseUrl()}/error?code=${e.code}`,
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  openIdConfiguration(tenantSegment: string): Record<string, unknown> {
    const base = this.d.baseUrl();
    const t = tenantSegment;
    const tenantIssuer = this.tenantMatches(t, false)
      ? this.d.auth.tenantId
      : '{tenantid}';
    // Keys and order of openid-configuration-common.json, pointed at this host.
    return {
      token_endpoint: `${base}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: [
        'client_secret_post',
        'private_key_jwt',
        'client_secret_basic',
      ],
      jwks_uri: `${base}/${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'id_token token',
      ],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${tenantIssuer}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${base}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/${t}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: new URL(base).host,
      rbac_url: 'https://pas.windows.net',
    };
  }

  instanceDiscovery(): Record<string, unknown> {
    const host = new URL(this.d.baseUrl()).host;
    // Shape of instance-discovery-response.json with this host as the only cloud.
    return {
      tenant_discovery_endpoint: `${this.d.baseUrl()}/${this.d.auth.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        { preferred_network: host, preferred_cache: host, aliases: [host] },
      ],
    };
  }

  /** Returns false when the path is not an identity endpoint. */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> {
    const parts = url.pathname.split('/').filter(Boolean);
    const tenant = parts[0] ?? '';
    const rest = parts.slice(1).join('/').toLowerCase();
    if (
      rest === 'discovery/instance' ||
      (tenant === 'common' &&
        parts[1] === 'discovery' &&
        parts[2] === 'instance')
    ) {
      this.d.accounting.endpoint('identity:discovery/instance');
      sendJson(res, 200, this.instanceDiscovery());
      return true;
    }
    if (!tenant || !this.tenantMatches(tenant, true)) {
      if (
        [
          'v2.0/.well-known/openid-configuration',
          'oauth2/v2.0/token',
          'oauth2/v2.0/authorize',
          'adminconsent',
          'discovery/v2.0/keys',
        ].includes(rest)
      ) {
        this.oauthError(res, {
          status: 400,
          error: 'invalid_tenant',
          code: 90002,
          description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        });
        return true;
      }
      return false;
    }
    switch (rest) {
      case 'v2.0/.well-known/openid-configuration':
        this.d.accounting.endpoint('identity:openid-configuration');
        sendJson(res, 200, this.openIdConfiguration(tenant));
        return true;
      case 'discovery/v2.0/keys':
      case 'discovery/keys':
        this.d.accounting.endpoint('identity:keys');
        sendJson(res, 200, { keys: [this.d.auth.publicJwk] });
        return true;
      case 'oauth2/v2.0/token':
        this.d.accounting.endpoint('identity:token');
        await this.token(req, res, tenant);
        return true;
      case 'oauth2/v2.0/authorize':
        this.d.accounting.endpoint('identity:authorize');
        this.authorize(res, url);
        return true;
      case 'adminconsent':
      case 'v2.0/adminconsent':
        this.d.accounting.endpoint('identity:adminconsent');
        this.adminConsent(res, url);
        return true;
      default:
        return false;
    }
  }

  private async token(
    req: IncomingMessage,
    res: ServerResponse,
    tenant: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      this.oauthError(res, {
        status: 400,
        error: 'invalid_request',
        code: 900561,
        description: 'AADSTS900561: The endpoint only accepts POST requests.',
      });
      return;
    }
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const now = Date.now();
    let basic: { id: string; secret: string } | undefined;
    const authz = req.headers.authorization;
    if (authz?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authz.slice(6), 'base64')
        .toString('utf8')
        .split(':');
      basic = {
        id: decodeURIComponent(id ?? ''),
        secret: decodeURIComponent(secret ?? ''),
      };
    }
    const grant = form.get('grant_type');
    // The assertion's audience is this token endpoint, as MSAL builds it from the metadata.
    const tokenEndpoint = `${this.d.baseUrl()}/${tenant}/oauth2/v2.0/token`;
    if (
      grant === 'client_credentials' &&
      (tenant === 'common' || tenant === 'organizations')
    ) {
      this.oauthError(res, {
        status: 400,
        error: 'invalid_request',
        code: 1002012,
        description:
          'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI), and a tenant-specific authority.',
      });
      return;
    }
    const client = this.d.auth.authenticateClient(
      form,
      basic,
      tokenEndpoint,
      now,
    );
    if (isOAuthError(client)) {
      this.oauthError(res, client);
      return;
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    switch (grant) {
      case 'client_credentials': {
        const graphDefault = scopes.some(
          (s) =>
            /^(https:\/\/graph\.microsoft\.com|00000003-0000-0000-c000-000000000000)\/?\.default$/i.test(
              s,
            ) ||
            s.toLowerCase() === `${this.d.baseUrl().toLowerCase()}/.default`,
        );
        if (!graphDefault) {
          this.oauthError(res, {
            status: 400,
            error: 'invalid_scope',
            code: 1002012,
            description: `AADSTS1002012: The provided value for scope ${form.get('scope') ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
          });
          return;
        }
        const { token, expiresIn } = this.d.auth.issueAppToken(
          client.app,
          client.method,
          now,
        );
        this.d.accounting.token(true);
        // Shape of token-response-client-credentials.json, plus ext_expires_in as Entra ID sends it.
        sendJson(
          res,
          200,
          {
            token_type: 'Bearer',
            expires_in: expiresIn,
            ext_expires_in: expiresIn,
            access_token: token,
          },
          { 'cache-control': 'no-store', pragma: 'no-cache' },
        );
        return;
      }
      case 'authorization_code': {
        const code = this.d.auth.redeemCode(
          form.get('code') ?? '',
          client.app.clientId,
          form.get('redirect_uri'),
          form.get('code_verifier'),
          now,
        );
        if (isOAuthError(code)) {
          this.oauthError(res, code);
          return;
        }
        const user = this.d.store.users.find((u) => u.id === code.userId);
        if (!user) {
          this.oauthError(res, {
            status: 400,
            error: 'invalid_grant',
            code: 50034,
            description:
              'AADSTS50034: The user account does not exist in the directory.',
          });
          return;
        }
        this.d.accounting.token(true);
        sendJson(
          res,
          200,
          this.d.auth.issueDelegatedTokens(
            client.app,
            {
              id: user.id,
              upn: user.userPrincipalName,
              name: user.displayName,
            },
            code.scopes,
            now,
            code.nonce,
          ),
        );
        return;
      }
      case 'refresh_token': {
        const rt = this.d.auth.redeemRefreshToken(
          form.get('refresh_token') ?? '',
          client.app.clientId,
        );
        const user = rt && this.d.store.users.find((u) => u.id === rt.userId);
        if (!rt || !user) {
          this.oauthError(res, {
            status: 400,
            error: 'invalid_grant',
            code: 9002313,
            description:
              'AADSTS9002313: Invalid request. Request is malformed or invalid.',
          });
          return;
        }
        this.d.accounting.token(true);
        sendJson(
          res,
          200,
          this.d.auth.issueDelegatedTokens(
            client.app,
            {
              id: user.id,
              upn: user.userPrincipalName,
              name: user.displayName,
            },
            scopes.length ? scopes : rt.scopes,
            now,
          ),
        );
        return;
      }
      default:
        this.oauthError(res, {
          status: 400,
          error: 'unsupported_grant_type',
          code: 70003,
          description: `AADSTS70003: The app requested an unsupported grant type '${grant ?? ''}'.`,
        });
    }
  }

  /**
   * There is no sign-in page: the user named by login_hint (or the first mailbox)
   * signs in and consents at once, and the browser is sent back with a code.
   */
  private authorize(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri');
    const app = this.d.auth.findApp(clientId);
    if (!app || !redirectUri) {
      sendJson(res, 400, {
        error: 'invalid_request',
        error_description: `AADSTS700016: Application with identifier '${clientId}' was not found, or redirect_uri is missing.`,
      });
      return;
    }
    if (q.get('response_type') !== 'code') {
      redirect(
        res,
        `${redirectUri}?error=unsupported_response_type&error_description=${encodeURIComponent('AADSTS700054: response_type must be code.')}&state=${encodeURIComponent(q.get('state') ?? '')}`,
      );
      return;
    }
    const hint = q.get('login_hint');
    const user =
      (hint ? this.d.store.findUser(hint) : undefined) ?? this.d.store.users[0];
    if (!user) {
      sendJson(res, 400, {
        error: 'invalid_request',
        error_description: 'The tenant has no users.',
      });
      return;
    }
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method');
    const nonce = q.get('nonce');
    const code = this.d.auth.createCode(
      {
        clientId,
        redirectUri,
        userId: user.id,
        scopes: (q.get('scope') ?? '').split(' ').filter(Boolean),
        ...(challenge ? { challenge } : {}),
        ...(method ? { method } : {}),
        ...(nonce ? { nonce } : {}),
      },
      Date.now(),
    );
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (q.get('state') !== null)
      back.searchParams.set('state', q.get('state') ?? '');
    back.searchParams.set(
      'client_info',
      Buffer.from(
        JSON.stringify({ uid: user.id, utid: this.d.auth.tenantId }),
      ).toString('base64url'),
    );
    back.searchParams.set('session_state', this.d.auth.newTraceIds().traceId);
    redirect(res, back.toString());
  }

  /** Admin consent grants the app's roles again and redirects with admin_consent=True. */
  private adminConsent(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri) {
      sendJson(res, 400, {
        error: 'invalid_request',
        error_description:
          'AADSTS900144: The request body must contain the following parameter: redirect_uri.',
      });
      return;
    }
    const back = new URL(redirectUri);
    if (!this.d.auth.setConsent(clientId, true)) {
      back.searchParams.set('error', 'unauthorized_client');
      back.searchParams.set(
        'error_description',
        `AADSTS700016: Application with identifier '${clientId}' was not found in the directory.`,
      );
    } else {
      back.searchParams.set('admin_consent', 'True');
      back.searchParams.set('tenant', this.d.auth.tenantId);
      back.searchParams.set('scope', 'https://graph.microsoft.com/.default');
    }
    if (q.get('state') !== null)
      back.searchParams.set('state', q.get('state') ?? '');
    redirect(res, back.toString());
  }
}
