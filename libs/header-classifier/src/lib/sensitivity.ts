import type { GraphMessageHeaders, Sensitivity } from './types.js';

/** Maps a `Sensitivity` header value (RFC 2156 §5.3.4; Outlook also writes "Confidential"). */
export function sensitivityOfValue(value: string): Sensitivity {
  const keyword = value.trim().toLowerCase();
  if (keyword === 'personal') return 'personal';
  if (keyword === 'private') return 'private';
  if (keyword === 'company-confidential' || keyword === 'confidential') {
    return 'confidential';
  }
  return 'normal';
}

/**
 * Reads a message's sensitivity. Graph's `message` resource has no
 * `sensitivity` property (only events do), so it comes from the
 * `Sensitivity` internet header that Outlook and Exchange write
 * (RFC 2156 §5.3.4: Personal, Private, Company-Confidential).
 * Returns `normal` when the header is absent or unknown.
 */
export function readSensitivity(message: GraphMessageHeaders): Sensitivity {
  const headers = message?.internetMessageHeaders;
  if (!Array.isArray(headers)) return 'normal';
  for (const header of headers as readonly {
    name?: unknown;
    value?: unknown;
  }[]) {
    if (
      typeof header?.name === 'string' &&
      header.name.toLowerCase() === 'sensitivity' &&
      typeof header.value === 'string'
    ) {
      return sensitivityOfValue(header.value);
    }
  }
  return 'normal';
}
