import { createHash } from 'node:crypto';
import { bodyPreview, htmlEscape, htmlToText } from './mime.util.js';
import type {
  HeaderField,
  MessageBody,
  MessageContent,
  Person,
} from './tenant.types.js';

// A small RFC 5322 / MIME (RFC 2045-2047) reader, enough to turn an .eml file
// into the properties Graph shows for it. The raw text is kept as `$value`.

export interface ParsedPart {
  headers: HeaderField[];
  contentType: string;
  params: Record<string, string>;
  body: Buffer;
  parts: ParsedPart[];
}

function splitHeadBody(raw: Buffer): { head: string; body: Buffer } {
  const text = raw.toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: Buffer.alloc(0) };
  return {
    head: text.slice(0, m.index),
    body: raw.subarray(m.index + m[0].length),
  };
}

/** RFC 5322 2.2.3 unfolding. */
export function parseHeaderBlock(head: string): HeaderField[] {
  const out: HeaderField[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) {
      const last = out[out.length - 1] as HeaderField;
      last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push({
      name: line.slice(0, colon).trim(),
      value: line.slice(colon + 1).trim(),
    });
  }
  // Header text is octets; reinterpret as UTF-8 where it is valid (RFC 6532).
  return out.map((h) => ({
    name: h.name,
    value: decodeUtf8Lenient(Buffer.from(h.value, 'latin1')),
  }));
}

function decodeUtf8Lenient(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder((charset ?? 'utf-8').toLowerCase()).decode(bytes);
  } catch {
    return decodeUtf8Lenient(bytes);
  }
}

/** RFC 2047 encoded-words in unstructured text and display names. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?*]+)(?:\*[^?]+)?\?([bBqQ])\?([^?]*)\?=/g,
      (_all, charset: string, enc: string, text: string) => {
        const bytes =
          enc.toUpperCase() === 'B'
            ? Buffer.from(text, 'base64')
            : Buffer.from(
                text
                  .replace(/_/g, ' ')
                  .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
                    String.fromCharCode(parseInt(hex, 16)),
                  ),
                'latin1',
              );
        return decodeCharset(bytes, charset);
      },
    );
}

function parseParams(value: string): {
  type: string;
  params: Record<string, string>;
} {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: (type ?? 'text/plain').trim().toLowerCase(), params };
}

function decodeTransfer(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(
        body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''),
        'base64',
      );
    case 'quoted-printable': {
      const text = body.toString('latin1').replace(/=\r?\n/g, '');
      const out: number[] = [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 61 && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
          out.push(parseInt(text.slice(i + 1, i + 3), 16));
          i += 2;
        } else out.push(c & 0xff);
      }
      return Buffer.from(out);
    }
    default:
      return body;
  }
}

function header(
  headers: readonly HeaderField[],
  name: string,
): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())
    ?.value;
}

export function parseMimePart(raw: Buffer, depth = 0): ParsedPart {
  const { head, body } = splitHeadBody(raw);
  const headers = parseHeaderBlock(head);
  const { type, params } = parseParams(
    header(headers, 'Content-Type') ?? 'text/plain; charset=us-ascii',
  );
  const part: ParsedPart = {
    headers,
    contentType: type,
    params,
    body,
    parts: [],
  };
  if (type.startsWith('multipart/') && params['boundary'] && depth < 8) {
    const delimiter = `--${params['boundary']}`;
    const text = body.toString('latin1');
    const chunks = text.split(
      new RegExp(
        `(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*(?:\\r?\\n|$)`,
      ),
    );
    for (const chunk of chunks.slice(1, -1))
      part.parts.push(parseMimePart(Buffer.from(chunk, 'latin1'), depth + 1));
    // A last part without the closing delimiter still counts.
    const last = chunks[chunks.length - 1];
    if (
      chunks.length > 1 &&
      last &&
      last.trim() &&
      !text.includes(`${delimiter}--`)
    )
      part.parts.push(parseMimePart(Buffer.from(last, 'latin1'), depth + 1));
  } else {
    part.body = decodeTransfer(
      body,
      header(headers, 'Content-Transfer-Encoding'),
    );
  }
  return part;
}

function findPart(part: ParsedPart, type: string): ParsedPart | undefined {
  if (
    part.contentType === type &&
    !/attachment/i.test(header(part.headers, 'Content-Disposition') ?? '')
  )
    return part;
  for (const p of part.parts) {
    const found = findPart(p, type);
    if (found) return found;
  }
  return undefined;
}

function hasAttachment(part: ParsedPart): boolean {
  if (/attachment/i.test(header(part.headers, 'Content-Disposition') ?? ''))
    return true;
  return part.parts.some(hasAttachment);
}

/** RFC 5322 3.4 address lists: `Name <a@b>, "Last, First" <c@d>, e@f`. */
export function parseAddressList(value: string | undefined): Person[] {
  if (!value) return [];
  const out: Person[] = [];
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === '<') angle++;
    if (!quoted && ch === '>') angle--;
    if (ch === ',' && !quoted && angle === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  for (const item of items) {
    const m = /^(.*)<([^>]+)>\s*$/.exec(item.trim());
    const name = m
      ? decodeEncodedWords(
          (m[1] ?? '')
            .trim()
            .replace(/^"(.*)"$/, '$1')
            .replace(/\\(.)/g, '$1'),
        )
      : '';
    const address = (m ? (m[2] ?? '') : item.replace(/\(.*?\)/g, '')).trim();
    if (address.includes('@')) out.push({ name: name || address, address });
  }
  return out;
}

/** Turns a raw RFC 5322 message into stored content (kind `eml`). */
export function contentFromEml(
  raw: Buffer,
  tenantDomain: string,
  mailbox: Person,
  nowMs: number,
): MessageContent {
  const root = parseMimePart(raw);
  const h = (name: string) => header(root.headers, name);
  const htmlPart = findPart(root, 'text/html');
  const textPart = findPart(root, 'text/plain');
  let html: string;
  let text: string;
  if (htmlPart) {
    html = decodeCharset(htmlPart.body, htmlPart.params['charset']);
    text = textPart
      ? decodeCharset(textPart.body, textPart.params['charset'])
      : htmlToText(html);
  } else {
    text = textPart
      ? decodeCharset(textPart.body, textPart.params['charset'])
      : '';
    html = `<html><body><pre>${htmlEscape(text)}</pre></body></html>`;
  }
  const body: MessageBody = { html, text, uniqueHtml: html, uniqueText: text };
  const from = parseAddressList(h('From'))[0] ?? {
    name: 'Unknown',
    address: `unknown@${tenantDomain}`,
  };
  const sender = parseAddressList(h('Sender'))[0] ?? from;
  const to = parseAddressList(h('To'));
  const parsedDate = Date.parse(h('Date') ?? '');
  const sentMs = Number.isFinite(parsedDate) ? parsedDate : nowMs;
  const internetMessageId =
    h('Message-ID') ??
    `<${createHash('sha1').update(raw).digest('hex')}@simulator.local>`;
  const references = (h('References') ?? '').match(/<[^>]+>/g) ?? [];
  const threadRoot = references[0] ?? h('In-Reply-To') ?? internetMessageId;
  const outbound = from.address.toLowerCase() === mailbox.address.toLowerCase();
  const rawText = raw.toString('utf8');
  return {
    odataType:
      root.contentType === 'multipart/mixed' && findPart(root, 'text/calendar')
        ? '#microsoft.graph.eventMessageRequest'
        : '#microsoft.graph.message',
    subject: decodeEncodedWords(h('Subject') ?? ''),
    from,
    sender,
    toRecipients: to.length ? to : [mailbox],
    ccRecipients: parseAddressList(h('Cc')),
    bccRecipients: parseAddressList(h('Bcc')),
    replyTo: parseAddressList(h('Reply-To')),
    internetMessageId,
    conversationId:
      'AAQkAG' +
      createHash('sha256').update(threadRoot).digest('base64url').slice(0, 54) +
      '=',
    conversationIndex:
      h('Thread-Index') ??
      createHash('sha256')
        .update(threadRoot)
        .digest()
        .subarray(0, 22)
        .toString('base64'),
    sentMs,
    importance: /high|urgent|^1/i.test(h('Importance') ?? h('X-Priority') ?? '')
      ? 'high'
      : 'normal',
    hasAttachments: hasAttachment(root),
    inferenceClassification: 'focused',
    isDeliveryReceiptRequested: Boolean(h('Return-Receipt-To')),
    isReadReceiptRequested: Boolean(h('Disposition-Notification-To')),
    headers: root.headers,
    body: () => body,
    mime: () => rawText,
    truth: {
      kind: 'eml',
      direction: outbound ? 'outbound' : 'inbound',
      counterpart: outbound ? to[0]?.address : from.address,
      threadKey: threadRoot,
    },
  };
}

export function previewFromBody(body: MessageBody): string {
  return bodyPreview(body.text);
}
