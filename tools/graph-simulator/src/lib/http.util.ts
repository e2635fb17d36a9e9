import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_REQUEST_BYTES) throw new Error('request body too large');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  const buf = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(buf.length),
    ...headers,
  });
  res.end(buf);
  return buf.length;
}

export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-length': '0', ...headers });
  res.end();
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, {
    location,
    'content-length': '0',
    'cache-control': 'no-store',
  });
  res.end();
}

export function parseJsonBody(buf: Buffer): unknown {
  if (buf.length === 0) return undefined;
  return JSON.parse(buf.toString('utf8'));
}

export function headerValue(
  req: IncomingMessage,
  name: string,
): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}
