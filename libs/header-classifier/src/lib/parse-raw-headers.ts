// The adapter from a raw RFC 5322 header block (an .eml file's head) to the
// Graph message shape, so that the same classifier serves both.
import { parseAddressList } from './address-list.util.js';
import { parseRfc5322Date } from './date.util.js';
import { decodeEncodedWords } from './encoded-word.util.js';
import type {
  GraphInternetMessageHeader,
  GraphMessageHeaders,
  GraphRecipient,
} from './types.js';

/** The result of `parseRawHeaders`. */
export interface ParsedRawHeaders {
  message: GraphMessageHeaders;
  /**
   * Notes about what could not be read, e.g. `line 3: no field name`. They
   * name lines and fields, never header content, so they are safe to log.
   */
  malformed: string[];
}

// RFC 5322 §3.6.8: a field name is printable US-ASCII except ':'.
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/**
 * Splits a message into its header block and body at the first empty line
 * (RFC 5322 §2.1). Accepts CRLF and bare LF line ends.
 */
export function splitHeaderBlock(text: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { head: text, body: '' };
  return {
    head: text.slice(0, match.index),
    body: text.slice(match.index + match[0].length),
  };
}

/**
 * Unfolds a header block (RFC 5322 §2.2.3) into name/value fields, in order,
 * repeated fields kept. Lines that are not fields are reported by line number.
 */
export function unfoldHeaderFields(head: string): {
  fields: GraphInternetMessageHeader[];
  malformed: string[];
} {
  const fields: GraphInternetMessageHeader[] = [];
  const malformed: string[] = [];
  const lines = head.split(/\r?\n|\r/);
  let current: GraphInternetMessageHeader | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (current) {
        current.value += line;
      } else {
        malformed.push(`line ${index + 1}: continuation line before any field`);
      }
      continue;
    }
    const colon = line.indexOf(':');
    // RFC 5322 §4.5.3 (obsolete syntax) allows white space before the colon.
    const name = colon > 0 ? line.slice(0, colon).replace(/[ \t]+$/, '') : '';
    if (colon <= 0 || !FIELD_NAME.test(name)) {
      if (index === 0 && line.startsWith('From ')) {
        malformed.push('line 1: mbox "From " separator line ignored');
      } else {
        malformed.push(`line ${index + 1}: not a header field`);
      }
      current = null;
      continue;
    }
    current = { name, value: line.slice(colon + 1).replace(/^[ \t]+/, '') };
    fields.push(current);
  }
  for (const field of fields) field.value = field.value.replace(/[ \t]+$/, '');
  return { fields, malformed };
}

function mailboxes(
  value: string,
  fieldName: string,
  malformed: string[],
): GraphRecipient[] {
  const parsed = parseAddressList(value);
  if (parsed.malformed) malformed.push(`${fieldName}: malformed address list`);
  return parsed.recipients;
}

function importanceOf(
  importance: string | undefined,
  priority: string | undefined,
): 'low' | 'normal' | 'high' | undefined {
  // Importance: RFC 2156 §5.3.4; X-Priority (1 highest .. 5 lowest) is the de
  // facto Outlook/Eudora header that Exchange maps to importance.
  const value = importance?.trim().toLowerCase();
  if (value === 'high' || value === 'low' || value === 'normal') return value;
  const level = priority ? Number.parseInt(priority.trim(), 10) : NaN;
  if (level === 1 || level === 2) return 'high';
  if (level === 4 || level === 5) return 'low';
  if (level === 3) return 'normal';
  return undefined;
}

/**
 * Reads a raw RFC 5322 header block (or a whole message: everything after the
 * first empty line is ignored) into the Microsoft Graph message shape.
 *
 * Unfolds continuation lines, matches field names case-insensitively, keeps
 * repeated fields in `internetMessageHeaders`, decodes RFC 2047 encoded-words
 * (B and Q, any charset the platform's `TextDecoder` knows) in the subject and
 * display names, and parses address lists with display names, quoted strings,
 * comments and groups (RFC 5322 §3.4). Header values in
 * `internetMessageHeaders` stay as sent (unfolded, not decoded), like Graph's.
 *
 * Never throws: whatever cannot be read is skipped and noted in `malformed`.
 */
export function parseRawHeaders(text: string): ParsedRawHeaders {
  const source = typeof text === 'string' ? text : '';
  const { head } = splitHeaderBlock(source);
  const { fields, malformed } = unfoldHeaderFields(head);
  const message: GraphMessageHeaders = { internetMessageHeaders: fields };
  let importance: string | undefined;
  let priority: string | undefined;
  let sawFrom = false;
  for (const field of fields) {
    const value = field.value;
    switch (field.name.toLowerCase()) {
      case 'from': {
        if (sawFrom) {
          malformed.push('From: repeated');
          break;
        }
        sawFrom = true;
        const from = mailboxes(value, 'From', malformed);
        if (from[0]) message.from = from[0];
        break;
      }
      case 'sender': {
        const sender = mailboxes(value, 'Sender', malformed);
        if (sender[0] && !message.sender) message.sender = sender[0];
        break;
      }
      case 'to':
        message.toRecipients = [
          ...(message.toRecipients ?? []),
          ...mailboxes(value, 'To', malformed),
        ];
        break;
      case 'cc':
        message.ccRecipients = [
          ...(message.ccRecipients ?? []),
          ...mailboxes(value, 'Cc', malformed),
        ];
        break;
      case 'bcc':
        message.bccRecipients = [
          ...(message.bccRecipients ?? []),
          ...mailboxes(value, 'Bcc', malformed),
        ];
        break;
      case 'reply-to':
        message.replyTo = [
          ...(message.replyTo ?? []),
          ...mailboxes(value, 'Reply-To', malformed),
        ];
        break;
      case 'subject': {
        if (message.subject !== undefined) break;
        const decoded = decodeEncodedWords(value);
        if (decoded.unknownCharset) malformed.push('Subject: unknown charset');
        message.subject = decoded.text;
        break;
      }
      case 'date': {
        const date = parseRfc5322Date(value);
        if (date) message.sentDateTime = date;
        else malformed.push('Date: not an RFC 5322 date');
        break;
      }
      case 'received': {
        // The topmost Received field is the last hop, i.e. when the message
        // arrived (RFC 5321 §4.4); its date follows the last ';'.
        if (message.receivedDateTime !== undefined) break;
        const semicolon = value.lastIndexOf(';');
        const date =
          semicolon >= 0 ? parseRfc5322Date(value.slice(semicolon + 1)) : null;
        if (date) message.receivedDateTime = date;
        break;
      }
      case 'message-id':
        message.internetMessageId = value.trim();
        break;
      case 'importance':
        importance = value;
        break;
      case 'x-priority':
        priority = value;
        break;
      default:
        break;
    }
  }
  if (!sawFrom && fields.length > 0) malformed.push('From: missing');
  const level = importanceOf(importance, priority);
  if (level) message.importance = level;
  return { message, malformed };
}
