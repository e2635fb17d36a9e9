// RFC 2047 encoded-words (=?charset?B|Q?text?=) and the byte decoding that
// MIME bodies share with them. Only TextDecoder is used, so this runs in any
// browser and in Node without a Node API.

const BASE64_VALUES = new Int16Array(128).fill(-1);
{
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) {
    BASE64_VALUES[alphabet.charCodeAt(i)] = i;
  }
  // RFC 4648 §5 base64url letters, which some mailers emit by mistake.
  BASE64_VALUES['-'.charCodeAt(0)] = 62;
  BASE64_VALUES['_'.charCodeAt(0)] = 63;
}

/** Decodes base64, skipping anything outside the alphabet (RFC 2045 §6.8 says to ignore it). */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // '=' padding ends the data
    const value = code < 128 ? (BASE64_VALUES[code] ?? -1) : -1;
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Decodes quoted-printable (RFC 2045 §6.7) into bytes. With `underscoreIsSpace`
 * it is the "Q" encoding of RFC 2047 §4.2, where `_` stands for a space.
 * Characters above 0xFF (text already decoded upstream) are kept as UTF-8.
 */
export function decodeQuotedPrintable(
  text: string,
  underscoreIsSpace: boolean,
): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) {
      const high = hexValue(text.charCodeAt(i + 1));
      const low = hexValue(text.charCodeAt(i + 2));
      if (high >= 0 && low >= 0) {
        out.push((high << 4) | low);
        i += 2;
        continue;
      }
      // A soft line break: '=' at the end of a line (RFC 2045 §6.7 rule 5).
      if (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10) {
        i += 2;
        continue;
      }
      if (text.charCodeAt(i + 1) === 10) {
        i += 1;
        continue;
      }
      out.push(code);
      continue;
    }
    if (code === 95 /* _ */ && underscoreIsSpace) {
      out.push(32);
      continue;
    }
    if (code < 256) {
      out.push(code);
    } else {
      const bytes = new TextEncoder().encode(text.charAt(i));
      for (const byte of bytes) out.push(byte);
    }
  }
  return Uint8Array.from(out);
}

const decoders = new Map<string, TextDecoder | null>();

/** A cached, non-fatal TextDecoder for a charset label, or null when the platform does not know it. */
function decoderFor(charset: string): TextDecoder | null {
  const label = charset.trim().toLowerCase();
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  let decoder: TextDecoder | null;
  try {
    decoder = new TextDecoder(label === 'us-ascii' ? 'windows-1252' : label);
  } catch {
    decoder = null;
  }
  // Bounded so that hostile input cannot grow the cache without limit.
  if (decoders.size < 256) decoders.set(label, decoder);
  return decoder;
}

/**
 * Decodes bytes in a charset. Unknown charsets fall back to windows-1252 (a
 * superset of ISO-8859-1 in the WHATWG Encoding Standard), so the text stays
 * readable; `known` tells the caller it happened.
 */
export function decodeBytes(
  bytes: Uint8Array,
  charset: string,
): { text: string; known: boolean } {
  const decoder = decoderFor(charset);
  if (decoder) return { text: decoder.decode(bytes), known: true };
  // windows-1252 is required by the WHATWG Encoding Standard, so it exists;
  // latin1 is its label alias.
  const fallback = decoderFor('windows-1252') ?? new TextDecoder('latin1');
  return { text: fallback.decode(bytes), known: false };
}

// charset, optional RFC 2231 §5 language (*lang), encoding, encoded text.
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;
const BETWEEN_ENCODED_WORDS = /^[ \t\r\n]+$/;

/**
 * Decodes every RFC 2047 encoded-word in a header value. Whitespace between
 * two adjacent encoded-words is dropped (RFC 2047 §6.2), and adjacent words in
 * one charset are decoded together so that a multi-byte character split across
 * them survives. Never throws; `unknownCharset` is set when a charset was not
 * known to the platform.
 */
export function decodeEncodedWords(value: string): {
  text: string;
  unknownCharset: boolean;
} {
  if (value.indexOf('=?') < 0) return { text: value, unknownCharset: false };
  let result = '';
  let last = 0;
  let unknownCharset = false;
  let pendingCharset = '';
  let pending: Uint8Array[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    let size = 0;
    for (const part of pending) size += part.length;
    const joined = new Uint8Array(size);
    let offset = 0;
    for (const part of pending) {
      joined.set(part, offset);
      offset += part.length;
    }
    const decoded = decodeBytes(joined, pendingCharset);
    if (!decoded.known) unknownCharset = true;
    result += decoded.text;
    pending = [];
  };
  ENCODED_WORD.lastIndex = 0;
  for (
    let match = ENCODED_WORD.exec(value);
    match;
    match = ENCODED_WORD.exec(value)
  ) {
    const between = value.slice(last, match.index);
    const charset = (match[1] ?? '').toLowerCase();
    const adjacent =
      pending.length > 0 &&
      (between === '' || BETWEEN_ENCODED_WORDS.test(between));
    if (!adjacent || charset !== pendingCharset) {
      flush();
      if (!adjacent) result += between;
    }
    pendingCharset = charset;
    const encoding = match[2] ?? 'Q';
    const payload = match[3] ?? '';
    pending.push(
      encoding === 'B' || encoding === 'b'
        ? decodeBase64(payload)
        : decodeQuotedPrintable(payload, true),
    );
    last = match.index + match[0].length;
  }
  flush();
  result += value.slice(last);
  return { text: result, unknownCharset };
}
