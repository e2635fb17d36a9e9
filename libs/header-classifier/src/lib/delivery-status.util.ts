// Finding the recipient a bounce is about: the machine-readable RFC 3464
// delivery-status fields first, then the human-readable texts of the common
// MTAs, then X-Failed-Recipients, then the returned message's own recipients.
import { parseAddressList } from './address-list.util.js';
import { normalizeAddress } from './address.util.js';
import { unfoldHeaderFields } from './parse-raw-headers.js';
import type { MimeLeaf } from './mime.util.js';
import type { GraphInternetMessageHeader } from './types.js';

const ADDRESS =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/**
 * The recipients an RFC 3464 delivery-status body reports as `failed` or
 * `delayed` (§2.3: per-recipient fields, Final-Recipient and Action).
 */
export function recipientsFromDeliveryStatus(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    const { fields } = unfoldHeaderFields(block);
    let recipient = '';
    let original = '';
    let action = '';
    for (const field of fields) {
      const name = field.name.toLowerCase();
      // "rfc822; user@example.com" (address-type ; generic-address, §2.3.2)
      const value = field.value.replace(/^\s*[a-z0-9-]+\s*;\s*/i, '').trim();
      if (name === 'final-recipient') recipient = value;
      else if (name === 'original-recipient') original = value;
      else if (name === 'action') action = field.value.trim().toLowerCase();
    }
    const address = recipient || original;
    if (address === '') continue;
    // §2.3.3: failed and delayed are bounces; delivered, relayed and expanded are not.
    if (
      action === '' ||
      action.startsWith('failed') ||
      action.startsWith('delayed')
    ) {
      const match = address.match(ADDRESS);
      if (match?.[0]) out.push(match[0]);
    }
  }
  return out;
}

// Sentences after which the MTAs list the failed addresses:
// Exchange/Office 365 ("Delivery has failed to these recipients or groups:",
// "Your message to … couldn't be delivered", "The following recipient(s)
// cannot be reached:", "Your message did not reach some or all of the
// intended recipients"), Gmail ("Your message wasn't delivered to …",
// "Delivery to the following recipient failed permanently:"), Postfix ("could
// not be delivered to one or more recipients"), Exim ("The following
// address(es) failed:"), qmail ("I wasn't able to deliver your message to the
// following addresses"), Sendmail ("The following addresses had permanent
// fatal errors"), Lotus Domino ("was not delivered to:").
const NDR_TRIGGER = new RegExp(
  [
    'delivery has failed to these recipients or groups',
    'your message to\\b',
    "couldn't be delivered to",
    'could not be delivered to',
    'following recipients?(?:\\(s\\))? (?:cannot|could not) be reached',
    'did not reach (?:some or all of )?the (?:intended )?recipients?',
    "your message wasn't delivered to",
    'delivery to the following recipients? (?:failed|has been delayed)',
    'following address(?:es|\\(es\\))? failed',
    "wasn't able to deliver your message to the following",
    'following addresses had (?:permanent fatal|transient non-fatal) errors',
    'was not delivered to',
    'the following (?:list of )?recipients?',
    'has not (?:yet )?been delivered',
    'rejected your message to',
    'unable to deliver (?:the )?message to',
    'undeliverable to',
    'recipient address rejected',
  ].join('|'),
  'gi',
);
// Each space in a trigger may be any white space: MTAs wrap their texts.
const SPACED_TRIGGER = new RegExp(
  NDR_TRIGGER.source.replace(/ /g, '\\s+'),
  'gi',
);
// OpenSMTPD and others: "user@example.com: 550 5.1.1 …" on its own line.
const BARE_LINE = /^\s*([^\s<>@:]+@[^\s<>:]+):\s*[45]\d\d\b/gm;
// qmail and Postfix put each failed address on its own line: "<user@x>:".
const ANGLE_LINE = /^\s*<([^<>\s]+@[^<>\s]+)>\s*:?/gm;
// SMTP replies quoted in the report: "550 5.1.1 <user@x>…".
const SMTP_REPLY_ADDRESS =
  /\b[45]\d\d[ -](?:#?[45]\.\d{1,3}\.\d{1,3}\s+)?[^\n]{0,80}?<([^<>\s]+@[^<>\s]+)>/g;
const WINDOW = 400;

/** Addresses that the human-readable part of a bounce names as failed. */
export function recipientsFromNdrText(text: string): string[] {
  const out: string[] = [];
  SPACED_TRIGGER.lastIndex = 0;
  for (let m = SPACED_TRIGGER.exec(text); m; m = SPACED_TRIGGER.exec(text)) {
    const window = text.slice(
      m.index + m[0].length,
      m.index + m[0].length + WINDOW,
    );
    const found = window.match(ADDRESS);
    if (found?.[0]) out.push(found[0]);
    if (out.length > 50) break;
  }
  ANGLE_LINE.lastIndex = 0;
  for (let m = ANGLE_LINE.exec(text); m; m = ANGLE_LINE.exec(text)) {
    if (m[1]) out.push(m[1]);
    if (out.length > 100) break;
  }
  BARE_LINE.lastIndex = 0;
  for (let m = BARE_LINE.exec(text); m; m = BARE_LINE.exec(text)) {
    if (m[1]) out.push(m[1]);
    if (out.length > 120) break;
  }
  SMTP_REPLY_ADDRESS.lastIndex = 0;
  for (
    let m = SMTP_REPLY_ADDRESS.exec(text);
    m;
    m = SMTP_REPLY_ADDRESS.exec(text)
  ) {
    if (m[1]) out.push(m[1]);
    if (out.length > 150) break;
  }
  return out;
}

function recipientsOfHeaders(
  fields: readonly GraphInternetMessageHeader[],
): string[] {
  const out: string[] = [];
  for (const field of fields) {
    const name = field.name.toLowerCase();
    if (name === 'to' || name === 'cc') {
      for (const r of parseAddressList(field.value).recipients) {
        if (r.emailAddress?.address) out.push(r.emailAddress.address);
      }
    }
  }
  return out;
}

/** How the bounced recipients were found. */
export type BounceEvidence =
  | 'delivery-status'
  | 'ndr-text'
  | 'x-failed-recipients'
  | 'returned-message'
  | 'none';

/**
 * The recipients a bounce is about, from the strongest evidence available,
 * lower-cased, unique and sorted; `exclude` drops the bounce's own sender and
 * the mailbox owner.
 */
export function findBouncedRecipients(
  leaves: readonly MimeLeaf[],
  headers: readonly GraphInternetMessageHeader[],
  exclude: (address: string) => boolean,
): { recipients: string[]; evidence: BounceEvidence } {
  const clean = (list: readonly string[]): string[] => {
    const set = new Set<string>();
    for (const raw of list) {
      const address = normalizeAddress(raw).replace(/[.,;:]+$/, '');
      if (address.includes('@') && !exclude(address)) set.add(address);
    }
    return [...set].sort();
  };
  const dsn: string[] = [];
  const text: string[] = [];
  for (const leaf of leaves) {
    if (
      leaf.type === 'message/delivery-status' ||
      leaf.type === 'message/global-delivery-status'
    ) {
      dsn.push(...recipientsFromDeliveryStatus(leaf.text));
    }
  }
  let found = clean(dsn);
  if (found.length > 0)
    return { recipients: found, evidence: 'delivery-status' };
  for (const leaf of leaves) {
    if (leaf.type === 'text/plain' || leaf.type === 'text/html') {
      // Some MTAs put the RFC 3464 fields in a text part.
      text.push(...recipientsFromDeliveryStatus(leaf.text));
      text.push(...recipientsFromNdrText(leaf.text));
    }
  }
  found = clean(text);
  if (found.length > 0) return { recipients: found, evidence: 'ndr-text' };
  const failed: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === 'x-failed-recipients') {
      failed.push(...(header.value.match(ADDRESS) ?? []));
    }
  }
  found = clean(failed);
  if (found.length > 0)
    return { recipients: found, evidence: 'x-failed-recipients' };
  const returned: string[] = [];
  for (const leaf of leaves) {
    if (leaf.embeddedHeaders)
      returned.push(...recipientsOfHeaders(leaf.embeddedHeaders));
  }
  found = clean(returned);
  if (found.length > 0)
    return { recipients: found, evidence: 'returned-message' };
  return { recipients: [], evidence: 'none' };
}
