import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { AccessTokenProvider } from '../auth/token-provider.js';
import type { GraphRequestPurpose } from './request-tag.js';
import { requestTag } from './request-tag.js';

export interface GraphCredentials {
  /** Header pass and directory calls (Mail.ReadBasic.All suffices). */
  header: AccessTokenProvider;
  /** Body fetches (Mail.Read.All). Absent: this client cannot read bodies at all. */
  body?: AccessTokenProvider;
}

/**
 * Attaches the bearer token of the credential that matches the request's
 * purpose, so the header scanner never holds a token that can read bodies.
 * The token only goes to the configured Graph origin (the SDK's own handler
 * checks only the host name, without the port). On a 401 it retries once with
 * a fresh token: Graph revokes tokens before their `exp` (consent changes,
 * password resets).
 */
export class AuthMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly credentials: GraphCredentials,
    private readonly graphOrigin: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  provider(purpose: GraphRequestPurpose): AccessTokenProvider | undefined {
    return purpose === 'body' ? this.credentials.body : this.credentials.header;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('AuthMiddleware needs a next middleware');
    const url =
      typeof context.request === 'string'
        ? context.request
        : context.request.url;
    if (new URL(url).origin !== this.graphOrigin) {
      throw new Error('Refusing to send a Graph token to a foreign origin');
    }
    const purpose = requestTag(context)?.purpose ?? 'directory';
    const provider = this.provider(purpose);
    if (!provider)
      throw new Error(`No credential configured for ${purpose} requests`);
    context.options ??= {};
    await this.send(context, await provider.getAccessToken());
    if (context.response?.status === 401) {
      await this.send(
        context,
        await provider.getAccessToken({ forceRefresh: true }),
      );
    }
  }

  private async send(context: Context, token: string): Promise<void> {
    const options = context.options ?? {};
    const headers: Record<string, string> = {};
    const current = options.headers;
    if (current instanceof Headers) {
      current.forEach((v, k) => {
        headers[k] = v;
      });
    } else if (current && !Array.isArray(current)) {
      Object.assign(headers, current);
    }
    for (const key of Object.keys(headers))
      if (key.toLowerCase() === 'authorization') delete headers[key];
    headers['Authorization'] = `Bearer ${token}`;
    options.headers = headers;
    context.options = options;
    await this.next?.execute(context);
  }
}
