import { Agent, request as httpsRequest } from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import { createSecureContext, rootCertificates } from 'node:tls';

// One keep-alive HTTPS agent carries both MSAL's and Graph's traffic. It is
// built on node:https (not fetch) so a private CA (the local Graph simulator's)
// can be trusted in-process, for this client only, without NODE_EXTRA_CA_CERTS
// and without an extra HTTP library.

export interface HttpsTransportOptions {
  /** PEM CA certificate(s) to trust in addition to Node's bundled roots. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Per-request timeout (socket idle and whole response), ms. */
  timeoutMs?: number;
  /** Sockets kept per origin; Outlook allows 4 concurrent requests per mailbox. */
  maxSockets?: number;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpResponseData {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** A network-level failure (no HTTP answer): reset, timeout, TLS error. */
export class HttpNetworkError extends Error {
  readonly reason: string;

  constructor(reason: string) {
    // Only the reason code: the URL can carry mailbox names and delta tokens.
    super(`HTTPS request failed: ${reason}`);
    this.name = 'HttpNetworkError';
    this.reason = reason;
  }
}

export class HttpsTransport {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(options: HttpsTransportOptions = {}) {
    // One TLS context, built once: given as `ca`, the ~150 roots would be
    // parsed again for every new connection and concatenated into the
    // agent's socket-pool key on every request.
    const secureContext =
      options.ca === undefined
        ? undefined
        : createSecureContext({ ca: withBundledRoots(options.ca) });
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 64,
      ...(secureContext ? { secureContext } : {}),
    });
    this.timeoutMs = options.timeoutMs ?? 60_000;
  }

  send(req: HttpRequest): Promise<HttpResponseData> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:') {
      // Bearer tokens never travel over plain HTTP.
      return Promise.reject(new HttpNetworkError('non-https-url'));
    }
    const headers: OutgoingHttpHeaders = { ...req.headers };
    if (req.body !== undefined)
      headers['content-length'] = Buffer.byteLength(req.body);
    return new Promise<HttpResponseData>((resolve, reject) => {
      const clientRequest = httpsRequest(
        url,
        {
          method: req.method,
          headers,
          agent: this.agent,
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err: NodeJS.ErrnoException) =>
            reject(new HttpNetworkError(err.code ?? 'response-error')),
          );
          res.on('aborted', () => reject(new HttpNetworkError('ECONNRESET')));
          res.on('end', () => {
            if (!res.complete) {
              reject(new HttpNetworkError('ECONNRESET'));
              return;
            }
            const out: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined)
                out[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: out,
              body: Buffer.concat(chunks),
            });
          });
        },
      );
      clientRequest.on('timeout', () =>
        clientRequest.destroy(new HttpNetworkError('timeout')),
      );
      clientRequest.on('error', (err: NodeJS.ErrnoException) => {
        reject(
          err instanceof HttpNetworkError
            ? err
            : new HttpNetworkError(err.code ?? 'request-error'),
        );
      });
      if (req.body !== undefined) clientRequest.write(req.body);
      clientRequest.end();
    });
  }

  /** Closes idle keep-alive sockets (tests, shutdown). */
  close(): void {
    this.agent.destroy();
  }
}

// Passing `ca` to an agent REPLACES Node's root store; keep the public roots so
// one process can talk to both Microsoft and a private endpoint.
function withBundledRoots(
  ca: string | Buffer | Array<string | Buffer>,
): Array<string | Buffer> {
  const extra = Array.isArray(ca) ? ca : [ca];
  return [...rootCertificates, ...extra];
}
