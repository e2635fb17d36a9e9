import type {
  INetworkModule,
  NetworkRequestOptions,
  NetworkResponse,
} from '@azure/msal-node';
import type { HttpsTransport } from '../http/https-transport.js';

/**
 * MSAL's `system.networkClient` on our HTTPS transport, so token requests
 * trust the same CA as Graph calls (MSAL's default client is global fetch,
 * which cannot be given a CA in-process).
 */
export class MsalNetworkClient implements INetworkModule {
  constructor(private readonly transport: HttpsTransport) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options);
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: string,
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    const res = await this.transport.send({
      method,
      url,
      headers: options?.headers ?? {},
      ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
    });
    // MSAL reads error responses (invalid_client...) from the JSON body too.
    let body: unknown;
    try {
      body = JSON.parse(res.body.toString('utf8'));
    } catch {
      body = {};
    }
    return { status: res.status, headers: res.headers, body: body as T };
  }
}
