import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  type Configuration,
} from '@azure/msal-node';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { HttpsTransport, MsalNetworkClient } from '@headersync/graph-client';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { ApiRedis } from '../redis/redis.module';
import { SignInDirectoryRepository } from './sign-in-directory.repository';
import { SessionRepository } from './session.repository';
import type { UserEntity } from '@headersync/domain-persistence';

const FLOW_TTL_SECONDS = 10 * 60;
// OIDC Core 3.1.2.1: "openid" for an ID token; profile and email for the
// name and sign-in address claims (Microsoft identity platform scopes).
const SCOPES = ['openid', 'profile', 'email'];

interface PendingFlow {
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly returnTo: string;
}

export type MicrosoftSignInFailure =
  | 'invalid-state'
  | 'microsoft-refused'
  | 'microsoft-unavailable'
  | 'not-a-member';

export class MicrosoftSignInError extends Error {
  constructor(readonly reason: MicrosoftSignInFailure) {
    super(`Microsoft sign-in failed: ${reason}`);
    this.name = 'MicrosoftSignInError';
  }
}

/** Only same-site paths: an open redirect would hand the session page to anyone. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//')) return '/';
  if (/[\\\r\n\t]/.test(value) || value.length > 500) return '/';
  return value;
}

/**
 * "Sign in with Microsoft": the OpenID Connect authorization code flow with
 * PKCE (RFC 7636) through MSAL, against Entra ID or the Graph simulator.
 * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow
 */
@Injectable()
export class MicrosoftSignInService {
  private readonly app: ConfidentialClientApplication | undefined;
  private readonly crypto = new CryptoProvider();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: ApiRedis,
    private readonly directory: SignInDirectoryRepository,
    private readonly sessions: SessionRepository,
  ) {
    const signIn = config.microsoftSignIn;
    if (!signIn) return;
    const authority = `${config.graph.authorityHost.replace(/\/+$/, '')}/${signIn.tenant}`;
    const host = new URL(authority).host;
    const transport = new HttpsTransport(
      config.graph.caCertPath
        ? { ca: readFileSync(config.graph.caCertPath) }
        : {},
    );
    const msal: Configuration = {
      auth: {
        clientId: signIn.clientId,
        clientSecret: signIn.clientSecret,
        authority,
        ...(host === 'login.microsoftonline.com'
          ? {}
          : { knownAuthorities: [host] }),
      },
      system: {
        networkClient: new MsalNetworkClient(transport),
        loggerOptions: { piiLoggingEnabled: false },
      },
    };
    this.app = new ConfidentialClientApplication(msal);
  }

  get enabled(): boolean {
    return this.app !== undefined;
  }

  /** Where Entra sends the browser back: through the admin app's /api proxy, so cookies land on its origin. */
  redirectUri(): string {
    return `${this.config.publicAdminUrl}/api/v1/auth/microsoft/callback`;
  }

  /** The authorize URL and the state the browser must bring back (bound to it by a cookie). */
  async start(returnTo: string | undefined): Promise<{
    url: string;
    state: string;
  }> {
    const app = this.requireApp();
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const state = randomBytes(24).toString('base64url');
    const nonce = randomBytes(24).toString('base64url');
    const flow: PendingFlow = {
      codeVerifier: verifier,
      nonce,
      returnTo: safeReturnTo(returnTo),
    };
    await this.redis.client.set(
      `oidc:${state}`,
      JSON.stringify(flow),
      'EX',
      FLOW_TTL_SECONDS,
    );
    const url = await app.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri: this.redirectUri(),
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
      responseMode: 'query',
      prompt: 'select_account',
    });
    return { url, state };
  }

  /**
   * Redeems the code and maps the ID token to a member: the tenant (`tid`)
   * must be one an org registered, and the user is found by `oid` or, on the
   * first Microsoft sign-in, by the sign-in address within that org (the
   * address alone is never trusted across tenants: Microsoft's claims
   * guidance says to key users on tid + oid).
   */
  async finish(
    query: { code?: string; state?: string; error?: string },
    browserState: string | undefined,
    previousSessionKey: string | undefined,
  ): Promise<{
    user: UserEntity;
    token: string;
    csrfToken: string;
    returnTo: string;
  }> {
    const app = this.requireApp();
    if (!query.state || query.state !== browserState)
      throw new MicrosoftSignInError('invalid-state');
    const raw = await this.redis.client.getdel(`oidc:${query.state}`);
    if (!raw) throw new MicrosoftSignInError('invalid-state');
    const flow = JSON.parse(raw) as PendingFlow;
    if (query.error || !query.code)
      throw new MicrosoftSignInError('microsoft-refused');

    let claims: Record<string, unknown>;
    try {
      const result = await app.acquireTokenByCode({
        code: query.code,
        scopes: SCOPES,
        redirectUri: this.redirectUri(),
        codeVerifier: flow.codeVerifier,
        nonce: flow.nonce,
        state: query.state,
      });
      claims = result.idTokenClaims as Record<string, unknown>;
      // Sign-in needs only the ID token: keep no Microsoft tokens in memory.
      if (result.account)
        await app.getTokenCache().removeAccount(result.account);
    } catch {
      throw new MicrosoftSignInError('microsoft-refused');
    }
    // OIDC Core 3.1.3.7: the ID token came straight from the token endpoint
    // over TLS, and MSAL has checked its nonce; check audience and tenant.
    const tid = typeof claims['tid'] === 'string' ? claims['tid'] : '';
    const oid = typeof claims['oid'] === 'string' ? claims['oid'] : '';
    const aud = claims['aud'];
    if (!tid || !oid || aud !== this.config.microsoftSignIn?.clientId)
      throw new MicrosoftSignInError('microsoft-refused');
    const address = [claims['email'], claims['preferred_username']].find(
      (v): v is string => typeof v === 'string' && v.includes('@'),
    );

    const user = await this.directory.findMicrosoftUser(
      tid.toLowerCase(),
      oid,
      address,
    );
    if (!user) throw new MicrosoftSignInError('not-a-member');
    if (previousSessionKey) await this.sessions.delete(previousSessionKey);
    const session = await this.sessions.create(user.id, user.orgId);
    return {
      user,
      token: session.token,
      csrfToken: session.csrfToken,
      returnTo: flow.returnTo,
    };
  }

  private requireApp(): ConfidentialClientApplication {
    if (!this.app)
      throw new NotFoundException(
        'Sign in with Microsoft is not configured (MICROSOFT_SIGNIN_CLIENT_ID)',
      );
    return this.app;
  }
}
