import type { BrowserContext } from 'playwright-core';

export interface ApiAnswer<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export interface SessionInfo {
  readonly userId: string;
  readonly orgId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: 'admin' | 'member';
  readonly csrfToken: string;
}

/**
 * The API as the admin app uses it: the session cookie from sign-in, and the
 * CSRF token echoed in X-CSRF-Token on every unsafe method.
 */
export class ApiSession {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    readonly session: SessionInfo,
  ) {}

  /**
   * The session a browser signed in to: its cookies for `baseUrl`, so what the
   * API answers is what that person's app sees.
   */
  static async fromBrowser(
    context: BrowserContext,
    baseUrl: string,
  ): Promise<ApiSession> {
    const cookies = await context.cookies(baseUrl);
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const response = await fetch(`${baseUrl}/api/v1/auth/session`, {
      headers: { cookie },
    });
    if (response.status !== 200) {
      throw new Error(
        `the browser has no session: GET /api/v1/auth/session answered ${response.status}`,
      );
    }
    return new ApiSession(
      baseUrl,
      cookie,
      (await response.json()) as SessionInfo,
    );
  }

  get<T>(path: string): Promise<ApiAnswer<T>> {
    return this.request<T>('GET', path);
  }

  patch<T>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.request<T>('PATCH', path, body);
  }

  private async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.session.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const contentType = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return {
      status: response.status,
      contentType,
      body: (contentType.includes('json') && text !== ''
        ? JSON.parse(text)
        : text) as T,
    };
  }
}
