import { readFileSync } from 'node:fs';
import { Agent, request as httpsRequest } from 'node:https';
import { join } from 'node:path';

// Test-side HTTPS client that trusts only the simulator's CA (no global
// NODE_EXTRA_CA_CERTS, no disabled verification).

export interface SimResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: <T = Record<string, unknown>>() => T;
}

export class SimHttp {
  readonly agent: Agent;

  constructor(caPem: string) {
    this.agent = new Agent({ ca: caPem, keepAlive: true, maxSockets: 16 });
  }

  send(
    url: string,
    opts: {
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    } = {},
  ): Promise<SimResponse> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        url,
        {
          agent: this.agent,
          method: opts.method ?? 'GET',
          headers: opts.headers ?? {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (d: Buffer) => chunks.push(d));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: <T>() => JSON.parse(text) as T,
            });
          });
        },
      );
      req.on('error', reject);
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }

  /** An MSAL `system.networkClient` over this agent (INetworkModule). */
  msalNetworkClient() {
    const toMsal = (r: SimResponse) => ({
      status: r.status,
      headers: Object.fromEntries(
        Object.entries(r.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      ),
      body: JSON.parse(r.text) as unknown,
    });
    return {
      sendGetRequestAsync: async (
        url: string,
        options?: { headers?: Record<string, string> },
      ) =>
        toMsal(
          await this.send(url, { headers: options?.headers ?? {} }),
        ) as never,
      sendPostRequestAsync: async (
        url: string,
        options?: { headers?: Record<string, string>; body?: string },
      ) =>
        toMsal(
          await this.send(url, {
            method: 'POST',
            headers: options?.headers ?? {},
            ...(options?.body !== undefined ? { body: options.body } : {}),
          }),
        ) as never,
    };
  }

  close(): void {
    this.agent.destroy();
  }
}

export function readExample<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(
    readFileSync(join(__dirname, 'fixtures', 'graph-examples', name), 'utf8'),
  ) as T;
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/**
 * Differences between `actual` and Microsoft's example, key by key: every key of
 * the example must exist with the same JSON type (null in the example matches
 * anything); arrays compare their first elements. Keys only in `actual` are
 * returned as `extra` for the caller to check against a documented list.
 */
export function compareShape(
  actual: unknown,
  example: unknown,
  path = '$',
): { missing: string[]; mismatched: string[]; extra: string[] } {
  const out = {
    missing: [] as string[],
    mismatched: [] as string[],
    extra: [] as string[],
  };
  const walk = (a: unknown, e: unknown, p: string) => {
    if (e === null) return;
    if (typeOf(a) !== typeOf(e)) {
      out.mismatched.push(`${p}: ${typeOf(a)} instead of ${typeOf(e)}`);
      return;
    }
    if (Array.isArray(e) && Array.isArray(a)) {
      if (e.length > 0 && a.length > 0) walk(a[0], e[0], `${p}[0]`);
      return;
    }
    if (typeOf(e) === 'object') {
      const ao = a as Record<string, unknown>;
      const eo = e as Record<string, unknown>;
      for (const k of Object.keys(eo)) {
        if (!(k in ao)) out.missing.push(`${p}.${k}`);
        else walk(ao[k], eo[k], `${p}.${k}`);
      }
      for (const k of Object.keys(ao))
        if (!(k in eo)) out.extra.push(`${p}.${k}`);
    }
  };
  walk(actual, example, path);
  return out;
}
