// Address lists as RFC 5322 §3.4 defines them: mailboxes with display names,
// angle addresses, quoted strings, (nested) comments, domain literals and
// groups ("Team: a@x, b@y;"), plus the obsolete forms of §4.4 (routes,
// "addr (Name)") that old mailers still send.
import { decodeEncodedWords } from './encoded-word.util.js';
import type { GraphRecipient } from './types.js';

interface Token {
  kind: 'atom' | 'quoted' | 'comment' | 'special';
  text: string;
}

/** The result of parsing an address-list header value. */
export interface ParsedAddressList {
  recipients: GraphRecipient[];
  /** True when the value had unbalanced quotes, comments or brackets, or a mailbox without an address. */
  malformed: boolean;
}

function tokenize(value: string): { tokens: Token[]; malformed: boolean } {
  const tokens: Token[] = [];
  let malformed = false;
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      let text = '';
      i++;
      let closed = false;
      while (i < n) {
        const d = value.charCodeAt(i);
        if (d === 92 /* \ */ && i + 1 < n) {
          text += value.charAt(i + 1);
          i += 2;
          continue;
        }
        if (d === 34) {
          closed = true;
          i++;
          break;
        }
        text += value.charAt(i);
        i++;
      }
      if (!closed) malformed = true;
      tokens.push({ kind: 'quoted', text });
      continue;
    }
    if (c === 40 /* ( */) {
      let depth = 1;
      let text = '';
      i++;
      while (i < n && depth > 0) {
        const d = value.charCodeAt(i);
        if (d === 92 && i + 1 < n) {
          text += value.charAt(i + 1);
          i += 2;
          continue;
        }
        if (d === 40) depth++;
        else if (d === 41) {
          depth--;
          if (depth === 0) {
            i++;
            break;
          }
        }
        text += value.charAt(i);
        i++;
      }
      if (depth > 0) malformed = true;
      tokens.push({ kind: 'comment', text: text.trim() });
      continue;
    }
    if (c === 91 /* [ */) {
      // A domain literal ([192.0.2.1]) is kept as one atom.
      const end = value.indexOf(']', i);
      if (end < 0) {
        malformed = true;
        tokens.push({ kind: 'atom', text: value.slice(i) });
        break;
      }
      tokens.push({ kind: 'atom', text: value.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    if (
      c === 60 /* < */ ||
      c === 62 /* > */ ||
      c === 44 /* , */ ||
      c === 58 /* : */ ||
      c === 59 /* ; */ ||
      c === 64 /* @ */
    ) {
      tokens.push({ kind: 'special', text: value.charAt(i) });
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = value.charCodeAt(i);
      if (
        d === 32 ||
        d === 9 ||
        d === 13 ||
        d === 10 ||
        d === 34 ||
        d === 40 ||
        d === 41 ||
        d === 91 ||
        d === 60 ||
        d === 62 ||
        d === 44 ||
        d === 58 ||
        d === 59 ||
        d === 64
      ) {
        break;
      }
      i++;
    }
    if (i === start) {
      // A stray ')' or ']': skip it and note the damage.
      malformed = true;
      i++;
      continue;
    }
    tokens.push({ kind: 'atom', text: value.slice(start, i) });
  }
  return { tokens, malformed };
}

function joinAddress(tokens: readonly Token[]): string {
  let address = '';
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'quoted') {
      address += `"${token.text.replace(/(["\\])/g, '\\$1')}"`;
    } else {
      address += token.text;
    }
  }
  return address;
}

function joinPhrase(tokens: readonly Token[]): string {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'atom' || token.kind === 'quoted')
      words.push(token.text);
  }
  // Encoded-words are decoded in phrases (RFC 2047 §5(3)); inside quoted
  // strings they are not allowed, but mailers put them there, so decode too.
  return decodeEncodedWords(words.join(' ')).text.trim();
}

function firstComment(tokens: readonly Token[]): string {
  for (const token of tokens) {
    if (token.kind === 'comment' && token.text !== '') {
      return decodeEncodedWords(token.text).text;
    }
  }
  return '';
}

/**
 * Parses an RFC 5322 address-list (or mailbox-list) header value into Graph
 * recipients. Group names are dropped and their members kept. Never throws.
 */
export function parseAddressList(value: string): ParsedAddressList {
  const { tokens, malformed: tokenMalformed } = tokenize(value);
  const recipients: GraphRecipient[] = [];
  let malformed = tokenMalformed;
  let phrase: Token[] = [];
  let angle: Token[] | null = null;
  let angleClosed = false;
  let comments: Token[] = [];

  const finishMailbox = (): void => {
    let address = '';
    let name = '';
    if (angle !== null) {
      if (!angleClosed) malformed = true;
      // Drop an obsolete route: <@relay1,@relay2:user@example.com> (§4.4).
      let addressTokens = angle;
      const colon = addressTokens.findIndex(
        (t) => t.kind === 'special' && t.text === ':',
      );
      if (colon >= 0) addressTokens = addressTokens.slice(colon + 1);
      address = joinAddress(
        addressTokens.filter((t) => !(t.kind === 'special' && t.text === ',')),
      );
      name = joinPhrase(phrase) || firstComment(comments);
    } else if (phrase.length > 0) {
      address = joinAddress(phrase);
      name = firstComment(comments);
    }
    address = address.trim();
    if (address !== '') {
      recipients.push({ emailAddress: { name: name || address, address } });
    } else if (phrase.length > 0 || angle !== null) {
      malformed = true;
    }
    phrase = [];
    angle = null;
    angleClosed = false;
    comments = [];
  };

  for (const token of tokens) {
    if (angle !== null && !angleClosed) {
      if (token.kind === 'special' && token.text === '>') {
        angleClosed = true;
      } else if (token.kind === 'special' && token.text === '<') {
        malformed = true;
      } else {
        angle.push(token);
      }
      continue;
    }
    if (token.kind === 'comment') {
      comments.push(token);
      continue;
    }
    if (token.kind === 'special') {
      switch (token.text) {
        case '<':
          if (angleClosed) malformed = true;
          angle = [];
          angleClosed = false;
          continue;
        case ',':
        case ';':
          finishMailbox();
          continue;
        case ':':
          // A group's display name ends at ':' (§3.4); its members follow.
          if (!phrase.some((t) => t.kind === 'special' && t.text === '@')) {
            phrase = [];
            comments = [];
            continue;
          }
          phrase.push(token);
          continue;
        case '>':
          malformed = true;
          continue;
        default:
          phrase.push(token);
          continue;
      }
    }
    if (angleClosed) {
      // Text after the closing '>' of a mailbox: ignore it, but note it.
      malformed = true;
      continue;
    }
    phrase.push(token);
  }
  finishMailbox();
  return { recipients, malformed };
}
