import { bufferedBody } from './https-transport.middleware.js';

export type JsonBody = { ok: true; value: unknown } | { ok: false };

const PARSED = new WeakMap<Response, JsonBody>();

/**
 * The parsed JSON body of a transport response, parsed once. Non-JSON and
 * empty bodies count as fine (`value` undefined); a JSON content type whose
 * body does not parse (truncated or malformed) is `ok: false`.
 */
export function readJsonBody(response: Response): JsonBody {
  const cached = PARSED.get(response);
  if (cached) return cached;
  const contentType = response.headers.get('content-type') ?? '';
  const raw = bufferedBody(response);
  let result: JsonBody;
  if (!contentType.toLowerCase().includes('json') || !raw || raw.length === 0) {
    result = { ok: true, value: undefined };
  } else {
    try {
      result = { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      result = { ok: false };
    }
  }
  PARSED.set(response, result);
  return result;
}
