// Just enough MIME (RFC 2045, RFC 2046) to read a fetched message's text:
// multipart bodies, base64 and quoted-printable, charsets, and the parts of a
// delivery report (RFC 6522). Depth and part counts are bounded, so hostile
// input costs linear time and never throws.
import {
  decodeBase64,
  decodeBytes,
  decodeQuotedPrintable,
} from './encoded-word.util.js';
import { splitHeaderBlock, unfoldHeaderFields } from './parse-raw-headers.js';
import type { GraphInternetMessageHeader } from './types.js';

/** A leaf part of a MIME message, decoded to text. */
export interface MimeLeaf {
  /** Lower-case media type, e.g. `text/plain`, `message/delivery-status`. */
  type: string;
  text: string;
  /** For message/rfc822 and text/rfc822-headers parts: the embedded header fields. */
  embeddedHeaders?: GraphInternetMessageHeader[];
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;

interface ContentType {
  type: string;
  params: Map<string, string>;
}

/** Parses a Content-Type value: the media type and its parameters (RFC 2045 §5.1). */
export function parseContentType(value: string | undefined): ContentType {
  const params = new Map<string, string>();
  if (!value) return { type: 'text/plain', params };
  const semicolon = value.indexOf(';');
  const type = (semicolon < 0 ? value : value.slice(0, semicolon))
    .trim()
    .toLowerCase();
  const PARAM = /;\s*([^=\s;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  const rest = semicolon < 0 ? '' : value.slice(semicolon);
  for (let m = PARAM.exec(rest); m; m = PARAM.exec(rest)) {
    const name = (m[1] ?? '').toLowerCase();
    const raw =
      m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    if (!params.has(name)) params.set(name, raw);
  }
  return { type: type.includes('/') ? type : 'text/plain', params };
}

function headerValue(
  fields: readonly GraphInternetMessageHeader[],
  name: string,
): string | undefined {
  for (const field of fields) {
    if (field.name.toLowerCase() === name) return field.value;
  }
  return undefined;
}

function decodeBody(body: string, encoding: string, charset: string): string {
  const transfer = encoding.trim().toLowerCase();
  if (transfer === 'base64') {
    return decodeBytes(decodeBase64(body), charset || 'us-ascii').text;
  }
  if (transfer === 'quoted-printable') {
    return decodeBytes(
      decodeQuotedPrintable(body, false),
      charset || 'us-ascii',
    ).text;
  }
  // 7bit/8bit/binary: the caller already turned the bytes into text.
  return body;
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  const delimiter = `--${boundary}`;
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(delimiter)) {
      const rest = line.slice(delimiter.length);
      if (current) parts.push(current.join('\n'));
      if (rest.startsWith('--')) {
        current = null;
        break;
      }
      current = [];
      if (parts.length >= MAX_PARTS) break;
      continue;
    }
    if (current) current.push(line);
  }
  // A body cut short (no closing delimiter) still yields its last part.
  if (current && current.length > 0) parts.push(current.join('\n'));
  return parts;
}

function walk(entity: string, depth: number, out: MimeLeaf[]): void {
  if (out.length >= MAX_PARTS) return;
  const { head, body } = splitHeaderBlock(entity);
  const { fields } = unfoldHeaderFields(head);
  const contentType = parseContentType(headerValue(fields, 'content-type'));
  const encoding = headerValue(fields, 'content-transfer-encoding') ?? '';
  const charset = contentType.params.get('charset') ?? '';
  if (contentType.type.startsWith('multipart/') && depth < MAX_DEPTH) {
    const declared = contentType.params.get('boundary');
    let parts = declared ? splitMultipart(body, declared) : [];
    if (parts.length === 0) {
      // A boundary parameter lost to bad folding, or one that does not match
      // the body: take the first delimiter-looking line (RFC 2046 §5.1.1).
      const guess = /^--([^\s]{6,70}?)(?:--)?[ \t]*$/m.exec(body)?.[1];
      if (guess) parts = splitMultipart(body, guess);
    }
    if (parts.length > 0) {
      for (const part of parts) walk(part, depth + 1, out);
      return;
    }
    out.push({ type: 'text/plain', text: body });
    return;
  }
  const text = decodeBody(body, encoding, charset);
  if (
    contentType.type === 'message/rfc822' ||
    contentType.type === 'message/global' ||
    contentType.type === 'text/rfc822-headers' ||
    contentType.type === 'message/rfc822-headers' ||
    contentType.type === 'message/global-headers'
  ) {
    out.push({
      type: contentType.type,
      text,
      embeddedHeaders: unfoldHeaderFields(splitHeaderBlock(text).head).fields,
    });
    return;
  }
  out.push({ type: contentType.type, text });
}

/**
 * Splits a whole RFC 5322 message into decoded leaf parts, in order. The top
 * level's own header block is read for the MIME structure only.
 */
export function parseMimeLeaves(message: string): MimeLeaf[] {
  const out: MimeLeaf[] = [];
  walk(typeof message === 'string' ? message : '', 0, out);
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Turns HTML into plain text well enough to search it: tags out, block ends as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d|p|div|tr|li)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity.startsWith('#')) {
        const code =
          entity[1] === 'x' || entity[1] === 'X'
            ? Number.parseInt(entity.slice(2), 16)
            : Number.parseInt(entity.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : whole;
      }
      return ENTITIES[entity.toLowerCase()] ?? whole;
    })
    .replace(/[ \t\u00a0]+/g, ' ');
}
