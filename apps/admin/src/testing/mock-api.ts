// Test double at the network boundary: replaces fetch (and XMLHttpRequest
// for uploads) with canned API answers keyed by "METHOD /path".

export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
}

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Handler =
  | Reply
  | 'pending'
  | 'offline'
  | ((call: RecordedCall) => Reply | 'pending' | Promise<Reply>);

export const PENDING = 'pending' as const;

export function problem(
  status: number,
  detail: string,
  errors?: { field: string; message: string }[],
): Reply {
  return {
    status,
    body: {
      type: 'about:blank',
      title: String(status),
      status,
      detail,
      ...(errors ? { errors } : {}),
    },
  };
}

function fakeResponse(reply: Reply): Response {
  const status = reply.status ?? 200;
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  return {
    ok: status >= 200 && status < 300,
    status,
    headers: {
      get: (name: string) =>
        name.toLowerCase() === 'content-type' && text !== ''
          ? status >= 400
            ? 'application/problem+json'
            : 'application/json'
          : null,
    },
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  } as unknown as Response;
}

/**
 * Installs a fetch that answers from `handlers`; an unknown route fails the
 * test loudly (404 with the route in the detail). Returns the recorded calls.
 */
export function mockApi(handlers: Record<string, Handler>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const fetchMock = async (
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = new URL(String(input), 'http://admin.test');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api/, '');
    const rawBody = init?.body;
    const call: RecordedCall = {
      method,
      path,
      query: url.searchParams,
      headers: (init?.headers ?? {}) as Record<string, string>,
      body:
        typeof rawBody === 'string'
          ? (JSON.parse(rawBody) as unknown)
          : rawBody,
    };
    calls.push(call);
    const handler =
      handlers[`${method} ${path}`] ??
      Object.entries(handlers).find(([key]) => {
        const [m, pattern] = key.split(' ');
        if (m !== method || !pattern?.includes(':')) return false;
        const re = new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
        return re.test(path);
      })?.[1];
    if (handler === undefined)
      return fakeResponse(problem(404, `no mock for ${method} ${path}`));
    if (handler === 'offline') throw new TypeError('Failed to fetch');
    const reply = typeof handler === 'function' ? await handler(call) : handler;
    if (reply === 'pending') return new Promise<Response>(() => undefined);
    return fakeResponse(reply);
  };
  globalThis.fetch = fetchMock as typeof fetch;
  return calls;
}

/**
 * A fake XMLHttpRequest for apiUpload: on send it reports half the upload
 * done, then answers `reply` when the test calls `finish()`.
 */
export function mockUpload(reply: Reply, onSend?: (body: unknown) => void) {
  let pending: (() => void) | undefined;
  class FakeXhr {
    status = 0;
    responseText = '';
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    headers: Record<string, string> = {};
    url = '';
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(body: unknown) {
      onSend?.(body);
      setTimeout(() => {
        this.upload.onprogress?.({
          lengthComputable: true,
          loaded: 50,
          total: 100,
        } as ProgressEvent);
      }, 0);
      pending = () => {
        this.status = reply.status ?? 200;
        this.responseText = JSON.stringify(reply.body ?? {});
        this.onload?.();
      };
    }
  }
  globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  return {
    finish: () => {
      if (!pending) throw new Error('nothing was uploaded');
      pending();
    },
  };
}
