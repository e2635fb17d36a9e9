import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { certificateThumbprint } from './certs.util.js';
import {
  decodeJwt,
  signJwt,
  verifyAssertionSignature,
  verifyRs256,
} from './jwt.util.js';
import { Prng } from './prng.util.js';

export type AppRole = 'Mail.Read.All' | 'Mail.ReadBasic.All';
export const APP_ROLES: readonly AppRole[] = [
  'Mail.Read.All',
  'Mail.ReadBasic.All',
];

interface RegisteredCertificate {
  x5t: string;
  x5tS256: string;
  publicKey: KeyObject;
}

export interface AppRegistration {
  clientId: string;
  displayName: string;
  secrets: string[];
  certificates: RegisteredCertificate[];
  roles: AppRole[];
  /** Admin consent granted (POST /_sim/consent/revoke clears it, /adminconsent restores it). */
  consented: boolean;
  servicePrincipalId: string;
}

/** Who a Graph request acts as, from a verified access token. */
export interface Principal {
  clientId: string;
  app: AppRegistration;
  /** Delegated tokens: the signed-in user's id. */
  userId?: string;
  /** Mail access the token grants: full bodies or headers only. */
  mail: 'full' | 'basic' | 'none';
}

export type TokenCheck =
  | { ok: true; principal: Principal }
  | { ok: false; message: string };

/** Entra ID's token endpoint error body (AADSTS codes). */
export interface OAuthError {
  status: number;
  error: string;
  code: number;
  description: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  method?: string;
  userId: string;
  scopes: string[];
  nonce?: string;
  expiresMs: number;
}

interface IssuedToken {
  serial: number;
}

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  '00000003-0000-0000-c000-000000000000',
  'https://graph.microsoft.com/',
]);

export class AuthService {
  readonly signingKey: KeyObject;
  private readonly verifyKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
  readonly kid: string;
  private readonly apps = new Map<string, AppRegistration>();
  private readonly issued = new Map<string, IssuedToken>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly refreshTokens = new Map<
    string,
    { clientId: string; userId: string; scopes: string[] }
  >();
  private serial = 0;
  private revokedBelow = 0;
  tokenLifetimeSeconds = 3599;

  constructor(
    readonly tenantId: string,
    private readonly seed: number,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
    });
    this.signingKey = privateKey;
    this.verifyKey = publicKey;
    const jwk = publicKey.export({ format: 'jwk' });
    this.kid = createHash('sha256')
      .update(JSON.stringify(jwk))
      .digest('base64url')
      .slice(0, 27);
    this.publicJwk = {
      kty: 'RSA',
      use: 'sig',
      kid: this.kid,
      x5t: this.kid,
      n: jwk.n,
      e: jwk.e,
      issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    };
  }

  /** Registers an app; client ids are derived from the seed so a tenant is reproducible. */
  registerApp(
    roles: AppRole[],
    displayName: string,
    certificatePem?: string,
  ): { app: AppRegistration; clientSecret: string } {
    const rng = new Prng(this.seed, 100 + this.apps.size);
    const clientId = rng.guid();
    // Secrets look like Entra ID's (three characters, "~", then 37); random per start.
    const clientSecret = `${randomBytes(2).toString('hex').slice(0, 3)}8Q~${randomBytes(28).toString('base64url').slice(0, 37)}`;
    const app: AppRegistration = {
      clientId,
      displayName,
      secrets: [clientSecret],
      certificates: [],
      roles,
      consented: true,
      servicePrincipalId: rng.guid(),
    };
    if (certificatePem) this.addCertificate(app, certificatePem);
    this.apps.set(clientId, app);
    return { app, clientSecret };
  }

  addCertificate(app: AppRegistration, certificatePem: string): void {
    app.certificates.push({
      x5t: certificateThumbprint(certificatePem, 'sha1'),
      x5tS256: certificateThumbprint(certificatePem, 'sha256'),
      publicKey: createPublicKey(certificatePem),
    });
  }

  findApp(clientId: string): AppRegistration | undefined {
    return this.apps.get(clientId);
  }

  revokeAllTokens(): void {
    this.revokedBelow = this.serial + 1;
  }

  setConsent(clientId: string, consented: boolean): boolean {
    const app = this.apps.get(clientId);
    if (!app) return false;
    app.consented = consented;
    return true;
  }

  /** Verifies client authentication: a secret, or a JWT assertion signed with a registered certificate (RFC 7523). */
  authenticateClient(
    form: URLSearchParams,
    basic: { id: string; secret: string } | undefined,
    tokenEndpoint: string,
    nowMs: number,
  ): { app: AppRegistration; method: 'secret' | 'certificate' } | OAuthError {
    const clientId = form.get('client_id') ?? basic?.id ?? '';
    const app = this.apps.get(clientId);
    if (!app) {
      return {
        status: 400,
        error: 'unauthorized_client',
        code: 700016,
        description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${this.tenantId}'.`,
      };
    }
    const assertion = form.get('client_assertion');
    if (assertion) {
      if (
        form.get('client_assertion_type') !==
        'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
      ) {
        return {
          status: 400,
          error: 'invalid_request',
          code: 50027,
          description: 'AADSTS50027: Invalid client_assertion_type.',
        };
      }
      const jwt = decodeJwt(assertion);
      if (!jwt)
        return {
          status: 401,
          error: 'invalid_client',
          code: 50027,
          description: 'AADSTS50027: JWT token is invalid or malformed.',
        };
      const x5tS256 = jwt.header['x5t#S256'];
      const x5t = jwt.header['x5t'];
      const cert = app.certificates.find(
        (c) => c.x5tS256 === x5tS256 || c.x5t === x5t,
      );
      if (!cert) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 700027,
          description: `AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${String(x5tS256 ?? x5t ?? '')}']`,
        };
      }
      if (!verifyAssertionSignature(jwt, cert.publicKey)) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 7000274,
          description:
            'AADSTS7000274: Client assertion contains an invalid signature.',
        };
      }
      const p = jwt.payload;
      const nowS = nowMs / 1000;
      if (p['iss'] !== clientId || p['sub'] !== clientId) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 700021,
          description:
            "AADSTS700021: Client assertion application identifier doesn't match 'client_id' parameter.",
        };
      }
      const aud = Array.isArray(p['aud'])
        ? (p['aud'] as unknown[])
        : [p['aud']];
      if (
        !aud.some(
          (a) =>
            typeof a === 'string' &&
            a.toLowerCase() === tokenEndpoint.toLowerCase(),
        )
      ) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 700212,
          description: `AADSTS700212: No matching federated identity record found for presented assertion audience '${String(p['aud'])}'.`,
        };
      }
      if (typeof p['exp'] !== 'number' || p['exp'] < nowS - 300) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 700024,
          description:
            'AADSTS700024: Client assertion is not within its valid time range.',
        };
      }
      if (typeof p['nbf'] === 'number' && p['nbf'] > nowS + 300) {
        return {
          status: 401,
          error: 'invalid_client',
          code: 700024,
          description:
            'AADSTS700024: Client assertion is not within its valid time range.',
        };
      }
      return { app, method: 'certificate' };
    }
    const secret = form.get('client_secret') ?? basic?.secret;
    if (!secret) {
      return {
        status: 401,
        error: 'invalid_client',
        code: 7000218,
        description:
          "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      };
    }
    const ok = app.secrets.some(
      (s) =>
        s.length === secret.length &&
        timingSafeEqual(Buffer.from(s), Buffer.from(secret)),
    );
    if (!ok) {
      return {
        status: 401,
        error: 'invalid_client',
        code: 7000215,
        description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      };
    }
    return { app, method: 'secret' };
  }

  issueAppToken(
    app: AppRegistration,
    method: 'secret' | 'certificate',
    nowMs: number,
  ): { token: string; expiresIn: number } {
    const nowS = Math.floor(nowMs / 1000);
    const uti = randomBytes(16).toString('base64url');
    this.issued.set(uti, { serial: ++this.serial });
    const expiresIn = this.tokenLifetimeSeconds;
    // Claims of a v1.0 app-only Graph token (learn.microsoft.com "Access token claims reference").
    const token = signJwt(
      {
        typ: 'JWT',
        nonce: randomBytes(16).toString('base64url'),
        x5t: this.kid,
        kid: this.kid,
      },
      {
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${this.tenantId}/`,
        iat: nowS,
        nbf: nowS,
        exp: nowS + expiresIn,
        aio: randomBytes(24).toString('base64'),
        app_displayname: app.displayName,
        appid: app.clientId,
        appidacr: method === 'certificate' ? '2' : '1',
        idp: `https://sts.windows.net/${this.tenantId}/`,
        idtyp: 'app',
        oid: app.servicePrincipalId,
        rh: '0.AAAA' + randomBytes(18).toString('base64url') + '.',
        // An app without admin consent still gets a token, just without roles (Entra ID behaviour).
        ...(app.consented ? { roles: [...app.roles] } : {}),
        sub: app.servicePrincipalId,
        tenant_region_scope: 'EU',
        tid: this.tenantId,
        uti,
        ver: '1.0',
        wids: ['0997a1d0-0d1d-4acb-b408-d5ca73121e90'],
        xms_tcdt: 1700000000,
      },
      this.signingKey,
    );
    return { token, expiresIn };
  }

  issueDelegatedTokens(
    app: AppRegistration,
    user: { id: string; upn: string; name: string },
    scopes: string[],
    nowMs: number,
    nonce?: string,
  ): Record<string, unknown> {
    const nowS = Math.floor(nowMs / 1000);
    const uti = randomBytes(16).toString('base64url');
    this.issued.set(uti, { serial: ++this.serial });
    const graphScopes = scopes
      .map((s) => s.replace(/^https:\/\/graph\.microsoft\.com\//i, ''))
      .filter(
        (s) => !['openid', 'profile', 'offline_access', 'email'].includes(s),
      );
    const scp = graphScopes.length ? graphScopes : ['User.Read'];
    const access = signJwt(
      { typ: 'JWT', x5t: this.kid, kid: this.kid },
      {
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${this.tenantId}/`,
        iat: nowS,
        nbf: nowS,
        exp: nowS + this.tokenLifetimeSeconds,
        app_displayname: app.displayName,
        appid: app.clientId,
        idtyp: 'user',
        name: user.name,
        oid: user.id,
        scp: scp.join(' '),
        sub: createHash('sha256')
          .update(user.id + app.clientId)
          .digest('base64url')
          .slice(0, 43),
        tid: this.tenantId,
        unique_name: user.upn,
        upn: user.upn,
        uti,
        ver: '1.0',
      },
      this.signingKey,
    );
    const idToken = signJwt(
      { typ: 'JWT', kid: this.kid },
      {
        aud: app.clientId,
        iss: `${this.issuerBase}/${this.tenantId}/v2.0`,
        iat: nowS,
        nbf: nowS,
        exp: nowS + 3600,
        name: user.name,
        oid: user.id,
        preferred_username: user.upn,
        sub: createHash('sha256')
          .update(user.id + app.clientId)
          .digest('base64url')
          .slice(0, 43),
        tid: this.tenantId,
        ver: '2.0',
        ...(nonce ? { nonce } : {}),
      },
      this.signingKey,
    );
    const refreshToken = randomBytes(48).toString('base64url');
    this.refreshTokens.set(refreshToken, {
      clientId: app.clientId,
      userId: user.id,
      scopes,
    });
    return {
      token_type: 'Bearer',
      scope: scp.map((s) => `https://graph.microsoft.com/${s}`).join(' '),
      expires_in: this.tokenLifetimeSeconds,
      ext_expires_in: this.tokenLifetimeSeconds,
      access_token: access,
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: Buffer.from(
        JSON.stringify({ uid: user.id, utid: this.tenantId }),
      ).toString('base64url'),
    };
  }

  /** Set by the server once the port is known (the v2.0 issuer names the host). */
  issuerBase = 'https://localhost';

  createCode(code: Omit<AuthCode, 'expiresMs'>, nowMs: number): string {
    const value = randomBytes(32).toString('base64url');
    this.codes.set(value, { ...code, expiresMs: nowMs + 10 * 60 * 1000 });
    return value;
  }

  /** Redeems an authorization code, checking redirect_uri and PKCE (RFC 7636 4.6). */
  redeemCode(
    value: string,
    clientId: string,
    redirectUri: string | null,
    verifier: string | null,
    nowMs: number,
  ): AuthCode | OAuthError {
    const code = this.codes.get(value);
    this.codes.delete(value);
    if (!code || code.expiresMs < nowMs || code.clientId !== clientId) {
      return {
        status: 400,
        error: 'invalid_grant',
        code: 70008,
        description:
          'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      };
    }
    if (redirectUri !== code.redirectUri) {
      return {
        status: 400,
        error: 'invalid_grant',
        code: 50148,
        description:
          'AADSTS50148: The redirect_uri does not match the one used in the authorization request.',
      };
    }
    if (code.challenge) {
      const computed =
        code.method === 'plain'
          ? verifier
          : verifier
            ? createHash('sha256').update(verifier).digest('base64url')
            : undefined;
      if (!verifier || computed !== code.challenge) {
        return {
          status: 400,
          error: 'invalid_grant',
          code: 501481,
          description:
            'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
        };
      }
    }
    return code;
  }

  redeemRefreshToken(
    value: string,
    clientId: string,
  ): { userId: string; scopes: string[] } | undefined {
    const rt = this.refreshTokens.get(value);
    return rt && rt.clientId === clientId ? rt : undefined;
  }

  /** Graph's bearer check: signature, audience, tenant, lifetime, revocation. */
  verifyAccessToken(
    authorization: string | undefined,
    nowMs: number,
  ): TokenCheck {
    if (!authorization || !/^Bearer\s+/i.test(authorization))
      return { ok: false, message: 'Access token is empty.' };
    const raw = authorization.replace(/^Bearer\s+/i, '').trim();
    const jwt = decodeJwt(raw);
    if (!jwt)
      return {
        ok: false,
        message: 'IDX14100: JWT is not well formed, there are no dots (.).',
      };
    if (jwt.header['kid'] !== this.kid || !verifyRs256(jwt, this.verifyKey)) {
      return {
        ok: false,
        message: 'Access token validation failure. Invalid signature.',
      };
    }
    const p = jwt.payload;
    if (typeof p['aud'] !== 'string' || !GRAPH_AUDIENCES.has(p['aud']))
      return {
        ok: false,
        message: 'Access token validation failure. Invalid audience.',
      };
    if (p['tid'] !== this.tenantId)
      return {
        ok: false,
        message: 'Access token validation failure. Invalid issuer.',
      };
    if (typeof p['exp'] !== 'number' || p['exp'] * 1000 <= nowMs)
      return {
        ok: false,
        message: 'Lifetime validation failed, the token is expired.',
      };
    const issued =
      typeof p['uti'] === 'string' ? this.issued.get(p['uti']) : undefined;
    if (!issued || issued.serial < this.revokedBelow)
      return { ok: false, message: 'Access token has been revoked.' };
    const clientId = String(p['appid'] ?? '');
    const app = this.apps.get(clientId);
    if (!app)
      return {
        ok: false,
        message: 'Access token validation failure. Invalid application.',
      };
    if (p['idtyp'] === 'user') {
      const scp = String(p['scp'] ?? '').split(' ');
      const mail = scp.includes('Mail.Read')
        ? 'full'
        : scp.includes('Mail.ReadBasic')
          ? 'basic'
          : 'none';
      return {
        ok: true,
        principal: { clientId, app, userId: String(p['oid']), mail },
      };
    }
    const roles = Array.isArray(p['roles']) ? (p['roles'] as unknown[]) : [];
    const mail = roles.includes('Mail.Read.All')
      ? 'full'
      : roles.includes('Mail.ReadBasic.All')
        ? 'basic'
        : 'none';
    return { ok: true, principal: { clientId, app, mail } };
  }

  newTraceIds(): { traceId: string; correlationId: string } {
    return { traceId: randomUUID(), correlationId: randomUUID() };
  }
}
