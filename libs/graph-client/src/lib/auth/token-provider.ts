import { AuthError, ConfidentialClientApplication } from '@azure/msal-node';
import type { Configuration } from '@azure/msal-node';
import {
  GraphAuthenticationError,
  GraphThrottledError,
  GraphTransientError,
} from '../errors/graph.error.js';
import type { GraphIntegrationError } from '../errors/graph.error.js';
import { HttpsTransport } from '../http/https-transport.js';
import { MsalNetworkClient } from './msal-network-client.js';

export const MICROSOFT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** Where Graph calls get their bearer token. */
export interface AccessTokenProvider {
  /** The app registration's client id (not secret): names the app in metrics and errors. */
  readonly clientId: string;
  /** A valid access token; `forceRefresh` skips the cache (after a 401). */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
}

export type ClientCredential =
  | { kind: 'secret'; clientSecret: string }
  | {
      kind: 'certificate';
      /** Hex SHA-256 thumbprint of the DER certificate. */
      thumbprintSha256: string;
      /** PEM PKCS#8 private key (`-----BEGIN PRIVATE KEY-----`). */
      privateKeyPem: string;
      /** PEM certificate chain, sent as `x5c` for subject-name/issuer auth. */
      x5c?: string;
    };

export interface ClientCredentialProviderOptions {
  tenantId: string;
  clientId: string;
  credential: ClientCredential;
  /** Full authority URL; default `https://login.microsoftonline.com/{tenantId}`. */
  authorityUrl?: string;
  /** Default `https://graph.microsoft.com/.default` (app permissions granted by admin consent). */
  scope?: string;
  /** HTTPS transport shared with the Graph client (carries the trusted CA). */
  transport?: HttpsTransport;
  /** Extra CA (PEM) when no transport is given. */
  ca?: string | Buffer;
}

/**
 * Client-credentials tokens from MSAL's ConfidentialClientApplication
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 * MSAL caches the token in memory and renews it 5 minutes before expiry.
 */
export class MsalClientCredentialProvider implements AccessTokenProvider {
  readonly clientId: string;
  private readonly app: ConfidentialClientApplication;
  private readonly scope: string;
  private pending: Promise<string> | undefined;

  constructor(options: ClientCredentialProviderOptions) {
    this.clientId = options.clientId;
    this.scope = options.scope ?? GRAPH_DEFAULT_SCOPE;
    const authority = (
      options.authorityUrl ?? `${MICROSOFT_AUTHORITY_HOST}/${options.tenantId}`
    ).replace(/\/+$/, '');
    const authorityUrl = new URL(authority);
    if (authorityUrl.protocol !== 'https:')
      throw new RangeError('The authority must be an https URL');
    const transport =
      options.transport ??
      new HttpsTransport(options.ca ? { ca: options.ca } : {});
    const isMicrosoftHost =
      authorityUrl.host === new URL(MICROSOFT_AUTHORITY_HOST).host;
    const config: Configuration = {
      auth: {
        clientId: options.clientId,
        authority,
        // A non-Microsoft host (the simulator, ADFS) skips instance discovery
        // only when it is a known authority; MSAL then reads its
        // /v2.0/.well-known/openid-configuration.
        ...(isMicrosoftHost ? {} : { knownAuthorities: [authorityUrl.host] }),
        ...(options.credential.kind === 'secret'
          ? { clientSecret: options.credential.clientSecret }
          : {
              clientCertificate: {
                thumbprintSha256: options.credential.thumbprintSha256,
                privateKey: options.credential.privateKeyPem,
                ...(options.credential.x5c
                  ? { x5c: options.credential.x5c }
                  : {}),
              },
            }),
      },
      system: {
        networkClient: new MsalNetworkClient(transport),
        loggerOptions: { piiLoggingEnabled: false },
      },
    };
    this.app = new ConfidentialClientApplication(config);
  }

  async getAccessToken(
    options: { forceRefresh?: boolean } = {},
  ): Promise<string> {
    if (options.forceRefresh) {
      // Concurrent 401s share one refresh instead of storming the token endpoint.
      this.pending ??= this.acquire(true).finally(() => {
        this.pending = undefined;
      });
      return this.pending;
    }
    return this.pending ?? this.acquire(false);
  }

  private async acquire(skipCache: boolean): Promise<string> {
    let result;
    try {
      result = await this.app.acquireTokenByClientCredential({
        scopes: [this.scope],
        skipCache,
      });
    } catch (err) {
      throw mapMsalError(err);
    }
    if (!result?.accessToken) {
      throw new GraphAuthenticationError({
        operation: 'token',
        code: 'no_access_token',
      });
    }
    return result.accessToken;
  }
}

/** MSAL failures without MSAL's message text (it can echo server descriptions). */
export function mapMsalError(err: unknown): GraphIntegrationError {
  const code = err instanceof AuthError ? err.errorCode : 'unknown_error';
  const status =
    typeof (err as { status?: unknown })?.status === 'number'
      ? (err as { status: number }).status
      : 0;
  if (status === 429)
    return new GraphThrottledError({ operation: 'token', status, code });
  if (
    code === 'network_error' ||
    code === 'endpoints_resolution_error' ||
    status >= 500
  ) {
    return new GraphTransientError({
      operation: 'token',
      status,
      code,
      reason: code,
    });
  }
  return new GraphAuthenticationError({ operation: 'token', status, code });
}
