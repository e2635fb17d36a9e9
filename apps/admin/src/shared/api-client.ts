/** One field-level problem, as the API's problem+json `errors` lists them. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An HTTP error answered by the API (RFC 9457 problem details), or no answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldProblems: readonly FieldProblem[] = [],
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

// Kept from the session response; the API checks it on every unsafe request
// made with the session cookie (synchronizer token, OWASP CSRF Prevention).
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

function csrfFromCookie(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const match = /(?:^|;\s*)hs_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  readonly json?: unknown;
  readonly query?: Record<string, string | number | undefined>;
  readonly signal?: AbortSignal;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

function requestHeaders(
  method: string,
  hasJson: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasJson) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers['x-csrf-token'] = token;
  }
  return headers;
}

async function errorOf(response: Response): Promise<ApiError> {
  let body: {
    title?: unknown;
    detail?: unknown;
    errors?: unknown;
  } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const problems = Array.isArray(body.errors)
    ? (body.errors as FieldProblem[]).filter(
        (e) => typeof e?.field === 'string',
      )
    : [];
  return new ApiError(
    response.status,
    typeof body.title === 'string' ? body.title : `HTTP ${response.status}`,
    typeof body.detail === 'string' ? body.detail : undefined,
    problems,
  );
}

/** Calls the API on this origin; resolves with the JSON body, rejects with ApiError. */
export async function apiRequest<T>(
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const method = options.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: requestHeaders(method, options.json !== undefined),
      ...(options.json !== undefined
        ? { body: JSON.stringify(options.json) }
        : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch {
    throw new ApiError(0, 'API not reachable', 'The API did not answer.');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Sends a file as the raw request body with upload progress, which fetch
 * cannot report (XMLHttpRequest `upload.onprogress`, WHATWG XHR §4.6.7).
 */
export function apiUpload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('content-type', contentType);
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken ?? csrfFromCookie();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0)
        onProgress(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'API not reachable', 'The upload failed.'));
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        // empty or not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      reject(
        new ApiError(
          xhr.status,
          typeof body['title'] === 'string'
            ? body['title']
            : `HTTP ${xhr.status}`,
          typeof body['detail'] === 'string' ? body['detail'] : undefined,
        ),
      );
    };
    xhr.send(file);
  });
}

/** A sentence for people: what went wrong and, where we know, what to do. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError))
    return 'Something went wrong. Reload the page and try again.';
  switch (error.status) {
    case 0:
      return 'The API is not reachable. Check that it is running, then try again.';
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return error.detail?.includes('CSRF')
        ? 'Your session could not be verified. Reload the page and try again.'
        : 'You do not have permission to do this: it needs the admin role. Ask an admin of your org.';
    case 404:
      return error.detail ?? 'Not found.';
    case 409:
      return (
        error.detail ??
        'Someone else changed this meanwhile. Reload and try again.'
      );
    case 413:
      return 'The file or request is too large.';
    case 429:
      return 'Too many attempts. Wait a minute and try again.';
    default:
      if (error.status >= 500)
        return 'The API failed to answer. Try again in a moment.';
      return error.detail ?? error.title;
  }
}
