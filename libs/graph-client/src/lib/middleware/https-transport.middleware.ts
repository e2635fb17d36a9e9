import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { HttpsTransport } from '../http/https-transport.js';

// The last link of the chain: it replaces the SDK's HTTPMessageHandler (global
// fetch) with our node:https transport, which trusts the configured CA and
// buffers the body so the retry middleware can check it and the accounting
// middleware can count it.

const BODIES = new WeakMap<Response, Buffer>();

/** The raw body bytes of a response produced by this transport. */
export function bufferedBody(response: Response): Buffer | undefined {
  return BODIES.get(response);
}

export function headersToRecord(
  headers: NonNullable<RequestInit['headers']> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers)
      if (name !== undefined && value !== undefined)
        out[name.toLowerCase()] = value;
  } else {
    for (const [name, value] of Object.entries(headers)) {
      out[name.toLowerCase()] = Array.isArray(value)
        ? value.join(', ')
        : String(value);
    }
  }
  return out;
}

export class HttpsTransportMiddleware implements Middleware {
  constructor(private readonly transport: HttpsTransport) {}

  async execute(context: Context): Promise<void> {
    const url =
      typeof context.request === 'string'
        ? context.request
        : context.request.url;
    const options = context.options ?? {};
    const body = options.body;
    if (
      body !== undefined &&
      body !== null &&
      typeof body !== 'string' &&
      !Buffer.isBuffer(body)
    ) {
      throw new TypeError('Only string or Buffer request bodies are supported');
    }
    const res = await this.transport.send({
      method: options.method ?? 'GET',
      url,
      headers: headersToRecord(options.headers),
      ...(body !== undefined && body !== null ? { body } : {}),
    });
    // Response refuses a body for null-body statuses (Fetch standard).
    const nullBody =
      res.status === 204 || res.status === 205 || res.status === 304;
    const response = new Response(nullBody ? null : new Uint8Array(res.body), {
      status: res.status,
      headers: res.headers,
    });
    BODIES.set(response, res.body);
    context.response = response;
  }
}
