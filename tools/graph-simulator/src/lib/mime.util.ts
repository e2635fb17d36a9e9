import type { HeaderField, Person } from './tenant.types.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** RFC 5322 3.3 date-time, in UTC with a +0000 zone as Exchange writes it. */
export function rfc5322Date(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(
    d.getUTCMinutes(),
  )}:${p(d.getUTCSeconds())} +0000`;
}

/** RFC 2047 encoded-word (B encoding) for header text that is not ASCII. */
export function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** RFC 5322 3.4 mailbox: display names with specials are quoted; non-ASCII becomes an encoded-word. */
export function formatAddress(person: Person): string {
  if (!person.name) return person.address;
  const ascii = /^[\x20-\x7e]*$/.test(person.name);
  const name = !ascii
    ? encodeWord(person.name)
    : /[()<>[\]:;@\\,."']/.test(person.name)
      ? `"${person.name.replace(/(["\\])/g, '\\$1')}"`
      : person.name;
  return `${name} <${person.address}>`;
}

export function formatAddressList(people: readonly Person[]): string {
  return people.map(formatAddress).join(', ');
}

/** RFC 5322 2.2.3 folding at whitespace so that lines stay under 78 characters. */
export function foldHeader(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (line.length <= 78) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(/(?<=[ ;,])/)) {
    if (current.length + word.length > 76 && current.trim().length > 0) {
      out.push(current.replace(/ $/, ''));
      current = ' ' + word.trimStart();
    } else {
      current += word;
    }
  }
  if (current) out.push(current);
  return out.join('\r\n');
}

/** RFC 2045 6.7 quoted-printable with soft line breaks at 76 characters. */
export function encodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
  const lines: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(line + '=');
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      // A trailing space or tab before a hard break must be encoded (rule 3).
      if (line.endsWith(' ') || line.endsWith('\t')) {
        const last = line.charCodeAt(line.length - 1);
        line =
          line.slice(0, -1) +
          '=' +
          last.toString(16).toUpperCase().padStart(2, '0');
      }
      lines.push(line);
      line = '';
      i++;
      continue;
    }
    if ((b >= 33 && b <= 126 && b !== 61) || b === 32 || b === 9)
      push(String.fromCharCode(b));
    else push('=' + b.toString(16).toUpperCase().padStart(2, '0'));
  }
  lines.push(line);
  return lines.join('\r\n');
}

export interface MimePart {
  contentType: string;
  transferEncoding?: 'quoted-printable' | 'base64' | '7bit';
  extraHeaders?: HeaderField[];
  content: string;
}

function encodePart(part: MimePart): string {
  const enc = part.transferEncoding ?? '7bit';
  const headers = [
    `Content-Type: ${part.contentType}`,
    `Content-Transfer-Encoding: ${enc}`,
    ...(part.extraHeaders ?? []).map((h) => foldHeader(h.name, h.value)),
  ];
  const body =
    enc === 'quoted-printable'
      ? encodeQuotedPrintable(part.content)
      : enc === 'base64'
        ? (
            Buffer.from(part.content, 'utf8')
              .toString('base64')
              .match(/.{1,76}/g) ?? []
          ).join('\r\n')
        : part.content.replace(/\r?\n/g, '\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Assembles the message: top-level header fields, then a multipart body (RFC 2046 5.1). */
export function buildMime(
  headers: readonly HeaderField[],
  boundary: string,
  parts: readonly MimePart[],
): string {
  const head = headers.map((h) => foldHeader(h.name, h.value)).join('\r\n');
  const body =
    parts.map((p) => `--${boundary}\r\n${encodePart(p)}\r\n`).join('') +
    `--${boundary}--\r\n`;
  return `${head}\r\n\r\n${body}`;
}

export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Graph's bodyPreview: the first 255 characters of the text with whitespace collapsed. */
export function bodyPreview(text: string): string {
  // Only the head matters; collapsing whitespace over a 500 KB body would be wasted work.
  return text.slice(0, 2048).replace(/\s+/g, ' ').trim().slice(0, 255);
}

/** A crude HTML-to-text conversion for Prefer: outlook.body-content-type="text". */
export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\r\n')
    .replace(/<\/(p|div|tr|h\d|li)>/gi, '\r\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/(\r\n){3,}/g, '\r\n\r\n')
    .trim();
}
