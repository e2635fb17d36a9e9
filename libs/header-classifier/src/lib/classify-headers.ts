// classifyHeaders: decide from headers alone what a message is and whether it
// is worth downloading. One pass over the header list sets bits; nothing is
// allocated per header except the lower-cased name.
import { domainOf, localPartOf } from './address.util.js';
import {
  AUTO_REPLY_SUBJECT,
  BOUNCE_HOST,
  BOUNCE_SUBJECT,
  CALENDAR_SUBJECT,
  DAEMON_DISPLAY_NAME,
  DAEMON_LOCAL_PART,
  BULK_MAILER,
  BULK_RETURN_PATH_LOCAL_PART,
  LIST_HOST,
  LIST_MANAGER_ADDRESS,
  NO_REPLY_LOCAL_PART,
  OUT_OF_OFFICE_PHRASE,
  REPLY_OR_FORWARD_PREFIX,
  REWRITTEN_RETURN_PATH,
} from './patterns.constants.js';
import { RULE_IDS, type RuleId } from './rule-ids.constants.js';
import { sensitivityOfValue } from './sensitivity.js';
import type {
  ClassificationContext,
  Decision,
  GraphMessageHeaders,
  GraphRecipient,
  MessageKind,
  Sensitivity,
} from './types.js';

// One bit per kind rule; the table below maps them to ids in report order.
const SPAM_SCL = 1 << 0;
const SPAM_FOREFRONT = 1 << 1;
const SPAM_FLAG = 1 << 2;
const BOUNCE_DSN = 1 << 3;
const BOUNCE_NDR = 1 << 4;
const BOUNCE_FAILED = 1 << 5;
const BOUNCE_DAEMON = 1 << 6;
const BOUNCE_SUBJ = 1 << 7;
const AUTO_SUBMITTED = 1 << 8;
const AUTO_X = 1 << 9;
const AUTO_PRECEDENCE = 1 << 10;
const AUTO_OOF = 1 << 11;
const AUTO_SUBJ = 1 << 12;
const AUTO_MDN = 1 << 13;
const AUTO_NULL_PATH = 1 << 14;
const CAL_CLASS = 1 << 15;
const CAL_TYPE = 1 << 16;
const CAL_SUBJ = 1 << 17;
const BULK_LIST_ID = 1 << 18;
const BULK_UNSUBSCRIBE = 1 << 19;
const BULK_LIST_FIELDS = 1 << 20;
const BULK_LIST_MANAGER = 1 << 21;
const BULK_LIST_SENDER = 1 << 22;
const BULK_PRECEDENCE = 1 << 23;
const BULK_AUTO_GENERATED = 1 << 24;
const BULK_ESP = 1 << 25;
const BULK_FEEDBACK_ID = 1 << 26;
const BULK_MICROSOFT = 1 << 27;
const BULK_ROLE = 1 << 28;
const BULK_RETURN_PATH = 1 << 29;
const BULK_ERRORS_TO = 1 << 30;

const SPAM_BITS = SPAM_SCL | SPAM_FOREFRONT | SPAM_FLAG;
const BOUNCE_BITS =
  BOUNCE_DSN | BOUNCE_NDR | BOUNCE_FAILED | BOUNCE_DAEMON | BOUNCE_SUBJ;
const AUTO_BITS =
  AUTO_SUBMITTED | AUTO_X | AUTO_PRECEDENCE | AUTO_OOF | AUTO_SUBJ | AUTO_MDN;
const CALENDAR_BITS = CAL_CLASS | CAL_TYPE | CAL_SUBJ;
const BULK_BITS =
  BULK_LIST_ID |
  BULK_UNSUBSCRIBE |
  BULK_LIST_FIELDS |
  BULK_LIST_MANAGER |
  BULK_LIST_SENDER |
  BULK_PRECEDENCE |
  BULK_AUTO_GENERATED |
  BULK_ESP |
  BULK_FEEDBACK_ID |
  BULK_MICROSOFT |
  BULK_ROLE |
  BULK_RETURN_PATH |
  BULK_ERRORS_TO;
// Mailing-list and bulk-sender evidence that outweighs a text/calendar part:
// webinar and event mailings carry invitations too.
const STRONG_BULK_BITS =
  BULK_LIST_ID |
  BULK_UNSUBSCRIBE |
  BULK_LIST_FIELDS |
  BULK_LIST_MANAGER |
  BULK_ESP;

const BIT_RULES: ReadonlyArray<readonly [number, RuleId]> = [
  [SPAM_SCL, RULE_IDS.SPAM_EXCHANGE_SCL],
  [SPAM_FOREFRONT, RULE_IDS.SPAM_FOREFRONT_VERDICT],
  [SPAM_FLAG, RULE_IDS.SPAM_FLAG],
  [BOUNCE_DSN, RULE_IDS.BOUNCE_DSN_REPORT],
  [BOUNCE_NDR, RULE_IDS.BOUNCE_EXCHANGE_NDR],
  [BOUNCE_FAILED, RULE_IDS.BOUNCE_FAILED_RECIPIENTS],
  [BOUNCE_DAEMON, RULE_IDS.BOUNCE_DAEMON_SENDER],
  [BOUNCE_SUBJ, RULE_IDS.BOUNCE_SUBJECT],
  [AUTO_SUBMITTED, RULE_IDS.AUTO_REPLY_AUTO_SUBMITTED],
  [AUTO_X, RULE_IDS.AUTO_REPLY_X_AUTOREPLY],
  [AUTO_PRECEDENCE, RULE_IDS.AUTO_REPLY_PRECEDENCE],
  [AUTO_OOF, RULE_IDS.AUTO_REPLY_EXCHANGE_OOF],
  [AUTO_SUBJ, RULE_IDS.AUTO_REPLY_SUBJECT],
  [AUTO_MDN, RULE_IDS.AUTO_REPLY_READ_RECEIPT],
  [AUTO_NULL_PATH, RULE_IDS.AUTO_REPLY_NULL_REVERSE_PATH],
  [CAL_CLASS, RULE_IDS.CALENDAR_CONTENT_CLASS],
  [CAL_TYPE, RULE_IDS.CALENDAR_CONTENT_TYPE],
  [CAL_SUBJ, RULE_IDS.CALENDAR_SUBJECT],
  [BULK_LIST_ID, RULE_IDS.BULK_LIST_ID],
  [BULK_UNSUBSCRIBE, RULE_IDS.BULK_LIST_UNSUBSCRIBE],
  [BULK_LIST_FIELDS, RULE_IDS.BULK_LIST_FIELDS],
  [BULK_LIST_MANAGER, RULE_IDS.BULK_LIST_MANAGER],
  [BULK_LIST_SENDER, RULE_IDS.BULK_LIST_SENDER],
  [BULK_PRECEDENCE, RULE_IDS.BULK_PRECEDENCE],
  [BULK_AUTO_GENERATED, RULE_IDS.BULK_AUTO_GENERATED],
  [BULK_ESP, RULE_IDS.BULK_ESP],
  [BULK_FEEDBACK_ID, RULE_IDS.BULK_FEEDBACK_ID],
  [BULK_MICROSOFT, RULE_IDS.BULK_MICROSOFT_BULK],
  [BULK_ROLE, RULE_IDS.BULK_ROLE_SENDER],
  [BULK_RETURN_PATH, RULE_IDS.BULK_RETURN_PATH],
  [BULK_ERRORS_TO, RULE_IDS.BULK_ERRORS_TO],
];

// Headers only bulk-sending services add (their own documentation names them):
// Mailchimp X-MC-User, Mandrill X-Mandrill-User, SendGrid X-SG-EID/X-SG-ID,
// Mailgun X-Mailgun-Sid, Amazon SES X-SES-Outgoing, Postmark X-PM-Message-Id,
// Salesforce Marketing Cloud X-SFMC-Stack, Marketo X-MarketoID, and the
// Certified Senders Alliance's X-CSA-Complaints for certified bulk senders.
const ESP_HEADERS: ReadonlySet<string> = new Set([
  'x-mc-user',
  'x-mandrill-user',
  'x-sg-eid',
  'x-sg-id',
  'x-mailgun-sid',
  'x-ses-outgoing',
  'x-pm-message-id',
  'x-sfmc-stack',
  'x-marketoid',
  'x-csa-complaints',
]);

// Fingerprints of mailing-list managers: Mailman (X-Mailman-Version,
// X-BeenThere), ezmlm and Yahoo Groups (Mailing-List), SmartList
// (X-Mailing-List), fml (X-ML-Name), and the List-Software field.
const LIST_MANAGER_HEADERS: ReadonlySet<string> = new Set([
  'x-mailman-version',
  'x-beenthere',
  'mailing-list',
  'x-mailing-list',
  'x-ml-name',
  'list-software',
]);

// RFC 2369 list fields other than List-Unsubscribe.
const LIST_FIELDS: ReadonlySet<string> = new Set([
  'list-post',
  'list-help',
  'list-subscribe',
  'list-owner',
  'list-archive',
]);

const FOREFRONT_SPAM =
  /(?:^|;)\s*(?:SFV:(?:SPM|SKS|BLK)|CAT:(?:SPM|HSPM|PHSH|HPHSH|MALW|SPOOF|OSPM))\b/i;
const FOREFRONT_SCL = /(?:^|;)\s*SCL:(\d+)/i;
const FOREFRONT_BULK = /(?:^|;)\s*CAT:BULK\b/i;
const MICROSOFT_BCL = /\bBCL:(\d+)/i;

/** What one pass over the message found. */
interface Scan {
  bits: number;
  sensitivity: Sensitivity;
  hasHeaders: boolean;
}

function addressOf(recipient: GraphRecipient | null | undefined): string {
  const address = recipient?.emailAddress?.address;
  return typeof address === 'string' ? address.trim().toLowerCase() : '';
}

function firstWordLower(value: string): string {
  let start = 0;
  while (start < value.length && value.charCodeAt(start) <= 32) start++;
  let end = start;
  while (end < value.length) {
    const c = value.charCodeAt(end);
    if (c <= 32 || c === 59 /* ; */ || c === 40 /* ( */ || c === 44) break;
    end++;
  }
  return value.slice(start, end).toLowerCase();
}

function structuredBits(message: GraphMessageHeaders): number {
  let bits = 0;
  const subject = typeof message.subject === 'string' ? message.subject : '';
  if (subject !== '') {
    if (BOUNCE_SUBJECT.test(subject)) bits |= BOUNCE_SUBJ;
    if (
      AUTO_REPLY_SUBJECT.test(subject) ||
      (OUT_OF_OFFICE_PHRASE.test(subject) &&
        !REPLY_OR_FORWARD_PREFIX.test(subject))
    ) {
      bits |= AUTO_SUBJ;
    }
    if (CALENDAR_SUBJECT.test(subject)) bits |= CAL_SUBJ;
  }
  for (const who of [message.from, message.sender]) {
    const address = addressOf(who);
    if (address !== '') {
      const local = localPartOf(address);
      if (DAEMON_LOCAL_PART.test(local)) bits |= BOUNCE_DAEMON;
      else if (NO_REPLY_LOCAL_PART.test(local)) bits |= BULK_ROLE;
      if (LIST_HOST.test(domainOf(address))) bits |= BULK_LIST_SENDER;
    }
    const name = who?.emailAddress?.name;
    if (typeof name === 'string' && DAEMON_DISPLAY_NAME.test(name)) {
      bits |= BOUNCE_DAEMON;
    }
  }
  return bits;
}

function unbracket(value: string): string {
  const open = value.indexOf('<');
  const close = value.indexOf('>', open + 1);
  const inner =
    open >= 0 && close > open ? value.slice(open + 1, close) : value;
  return inner.trim().toLowerCase();
}

// A reverse-path that is not the author's own address and looks like a
// bounce-processing address (VERP, list "-request"/"owner-" addresses) marks
// mail sent by a list server or a bulk sender (RFC 5321 §4.4: Return-Path
// records the envelope sender, where bounces go).
function returnPathBits(value: string, message: GraphMessageHeaders): number {
  const path = unbracket(value);
  if (path === '' || path === addressOf(message.from)) return 0;
  const local = localPartOf(path);
  if (REWRITTEN_RETURN_PATH.test(local)) return 0;
  let bits = 0;
  if (BULK_RETURN_PATH_LOCAL_PART.test(local)) bits |= BULK_RETURN_PATH;
  if (LIST_HOST.test(domainOf(path))) bits |= BULK_LIST_SENDER;
  if (BOUNCE_HOST.test(domainOf(path))) bits |= BULK_RETURN_PATH;
  return bits;
}

function scanHeaders(message: GraphMessageHeaders): Scan {
  let bits = structuredBits(message);
  let sensitivity: Sensitivity = 'normal';
  const headers = message.internetMessageHeaders;
  if (!Array.isArray(headers)) return { bits, sensitivity, hasHeaders: false };
  let nullReversePath = false;
  let returnPath = '';
  let autoSubmittedAny = false;
  let rulesLoop = false;
  for (const header of headers as readonly unknown[]) {
    if (typeof header !== 'object' || header === null) continue;
    const rawName = (header as { name?: unknown }).name;
    const rawValue = (header as { value?: unknown }).value;
    if (typeof rawName !== 'string') continue;
    const value = typeof rawValue === 'string' ? rawValue : '';
    const name = rawName.toLowerCase();
    switch (name) {
      case 'content-type': {
        const type = firstWordLower(value);
        if (type === 'multipart/report') {
          // RFC 6522 §3: the report-type parameter names the report.
          const lower = value.toLowerCase();
          if (lower.includes('delivery-status')) bits |= BOUNCE_DSN;
          else if (lower.includes('disposition-notification')) bits |= AUTO_MDN;
        } else if (type === 'text/calendar') {
          bits |= CAL_TYPE;
        }
        break;
      }
      case 'auto-submitted': {
        // RFC 3834 §5.2: "no" means a person sent it.
        const keyword = firstWordLower(value);
        if (keyword === 'auto-replied') bits |= AUTO_SUBMITTED;
        else if (keyword === 'auto-generated' || keyword === 'auto-notified') {
          bits |= BULK_AUTO_GENERATED;
        }
        if (keyword !== '' && keyword !== 'no') autoSubmittedAny = true;
        break;
      }
      case 'x-autoreply':
      case 'x-autorespond':
      case 'x-autoresponder':
      case 'x-autoresponse': {
        const keyword = firstWordLower(value);
        if (keyword !== 'no' && keyword !== 'false' && keyword !== '0')
          bits |= AUTO_X;
        break;
      }
      case 'precedence': {
        const keyword = firstWordLower(value);
        if (keyword === 'auto_reply' || keyword === 'auto-reply')
          bits |= AUTO_PRECEDENCE;
        else if (
          keyword === 'bulk' ||
          keyword === 'list' ||
          keyword === 'junk'
        ) {
          bits |= BULK_PRECEDENCE;
        }
        break;
      }
      case 'x-ms-exchange-message-is-ndr':
        bits |= BOUNCE_NDR;
        break;
      case 'x-failed-recipients':
        bits |= BOUNCE_FAILED;
        break;
      case 'return-path': {
        // RFC 5321 §4.4: "Return-Path: <>" records the null reverse-path,
        // which only notifications (DSNs, auto-responses) may use (§4.5.5).
        let i = 0;
        while (i < value.length && value.charCodeAt(i) <= 32) i++;
        if (value.startsWith('<>', i) || i === value.length)
          nullReversePath = true;
        else if (returnPath === '') returnPath = value;
        break;
      }
      case 'x-ms-exchange-inbox-rules-loop':
        rulesLoop = true;
        break;
      case 'x-ms-exchange-organization-scl': {
        // Exchange spam confidence level: 5 and above is spam.
        const level = Number.parseInt(value.trim(), 10);
        if (level >= 5 && level <= 9) bits |= SPAM_SCL;
        break;
      }
      case 'x-forefront-antispam-report': {
        if (FOREFRONT_SPAM.test(value)) bits |= SPAM_FOREFRONT;
        else {
          const scl = FOREFRONT_SCL.exec(value);
          const level = scl ? Number.parseInt(scl[1] ?? '', 10) : -1;
          if (level >= 5 && level <= 9) bits |= SPAM_FOREFRONT;
        }
        if (FOREFRONT_BULK.test(value)) bits |= BULK_MICROSOFT;
        break;
      }
      case 'x-microsoft-antispam': {
        // Bulk complaint level 7+ is Microsoft's default bulk threshold.
        const bcl = MICROSOFT_BCL.exec(value);
        const level = bcl ? Number.parseInt(bcl[1] ?? '', 10) : -1;
        if (level >= 7 && level <= 9) bits |= BULK_MICROSOFT;
        break;
      }
      case 'x-spam-flag':
        if (firstWordLower(value) === 'yes') bits |= SPAM_FLAG;
        break;
      case 'list-id':
        bits |= BULK_LIST_ID;
        break;
      case 'list-unsubscribe':
      case 'list-unsubscribe-post':
        bits |= BULK_UNSUBSCRIBE;
        break;
      case 'feedback-id':
        bits |= BULK_FEEDBACK_ID;
        break;
      case 'content-class':
        if (value.toLowerCase().includes('calendarmessage')) bits |= CAL_CLASS;
        break;
      case 'errors-to':
        // Errors-To is a non-standard field (RFC 2076 §3.6 discourages it)
        // that list managers and bulk mailers set; mail clients do not.
        bits |= BULK_ERRORS_TO;
        if (LIST_MANAGER_ADDRESS.test(value)) bits |= BULK_LIST_SENDER;
        break;
      case 'sender':
        if (LIST_MANAGER_ADDRESS.test(value)) bits |= BULK_LIST_SENDER;
        break;
      case 'x-mailer':
        if (BULK_MAILER.test(value)) bits |= BULK_ESP;
        break;
      case 'sensitivity':
        sensitivity = sensitivityOfValue(value);
        break;
      default:
        if (LIST_FIELDS.has(name)) bits |= BULK_LIST_FIELDS;
        else if (LIST_MANAGER_HEADERS.has(name)) bits |= BULK_LIST_MANAGER;
        else if (ESP_HEADERS.has(name)) bits |= BULK_ESP;
        break;
    }
  }
  if (returnPath !== '') bits |= returnPathBits(returnPath, message);
  // Exchange runs out-of-office replies as a mailbox rule: the reply carries
  // X-MS-Exchange-Inbox-Rules-Loop and an Auto-Submitted field.
  if (rulesLoop && autoSubmittedAny) bits |= AUTO_OOF;
  // A null reverse-path with no delivery-report evidence is an automatic
  // response (RFC 3834 §3.3 asks responders to use one); mailing lists and
  // bulk senders always use a bounce address instead.
  if (
    nullReversePath &&
    (bits & (BOUNCE_BITS | STRONG_BULK_BITS | BULK_AUTO_GENERATED)) === 0
  ) {
    bits |= AUTO_NULL_PATH;
  }
  return { bits, sensitivity, hasHeaders: true };
}

function kindOf(bits: number): MessageKind {
  if (bits & SPAM_BITS) return 'spam';
  if (bits & BOUNCE_BITS) return 'bounce';
  if (bits & (AUTO_BITS | AUTO_NULL_PATH)) return 'auto-reply';
  if (bits & CALENDAR_BITS && !(bits & STRONG_BULK_BITS)) return 'calendar';
  if (bits & BULK_BITS) return 'bulk';
  return 'human';
}

// Only the bits that explain the chosen kind are reported, so that "rules"
// says why the decision was made rather than listing every weak hint.
function explainingBits(kind: MessageKind, bits: number): number {
  switch (kind) {
    case 'spam':
      return bits & SPAM_BITS;
    case 'bounce':
      return bits & BOUNCE_BITS;
    case 'auto-reply':
      return bits & (AUTO_BITS | AUTO_NULL_PATH);
    case 'calendar':
      return bits & CALENDAR_BITS;
    case 'bulk':
      return bits & BULK_BITS;
    case 'human':
      return 0;
  }
}

function pushBitRules(bits: number, rules: RuleId[]): void {
  if (bits === 0) return;
  for (const [bit, id] of BIT_RULES) if (bits & bit) rules.push(id);
}

/** Every participant address (lower case), in header order, duplicates kept. */
function participantsOf(message: GraphMessageHeaders): string[] {
  const out: string[] = [];
  const one = (recipient: GraphRecipient | null | undefined): void => {
    const address = addressOf(recipient);
    if (address !== '') out.push(address);
  };
  const many = (list: readonly GraphRecipient[] | null | undefined): void => {
    if (!Array.isArray(list)) return;
    for (const recipient of list as readonly (GraphRecipient | null)[])
      one(recipient);
  };
  one(message.from);
  one(message.sender);
  many(message.toRecipients);
  many(message.ccRecipients);
  many(message.bccRecipients);
  many(message.replyTo);
  return out;
}

function decide(
  kind: MessageKind,
  action: Decision['action'],
  rules: RuleId[],
  prospects: string[],
): Decision {
  return { kind, action, rules, prospects };
}

/**
 * Decides from a message's headers what kind of e-mail it is and whether the
 * caller should download it. Never throws, never reads anything but its
 * arguments, and returns the same decision for the same input.
 *
 * When `internetMessageHeaders` is absent, only the structured Graph fields are
 * used: drafts, blocked participants, sensitive subjects, internal-only mail
 * and non-prospect mail are settled from them; anything that would be fetched
 * gets `needs-headers`, because a header (a list, an auto-reply, a spam verdict)
 * could still turn it into something to ignore.
 *
 * @param message - the message in Microsoft Graph's shape
 * @param context - built once per mailbox with `createClassificationContext`
 */
export function classifyHeaders(
  message: GraphMessageHeaders,
  context: ClassificationContext,
): Decision {
  const safe: GraphMessageHeaders =
    typeof message === 'object' && message !== null ? message : {};
  const scan = scanHeaders(safe);
  const kind = kindOf(scan.bits);
  const rules: RuleId[] = [];
  pushBitRules(explainingBits(kind, scan.bits), rules);

  if (safe.isDraft === true) {
    rules.push(RULE_IDS.DRAFT);
    return decide(kind, 'ignore', rules, []);
  }

  const participants = participantsOf(safe);
  for (const address of participants) {
    if (context.isBlocked(address)) {
      rules.push(RULE_IDS.BLOCKED_PARTICIPANT);
      return decide(kind, 'ignore', rules, []);
    }
  }

  if (
    scan.hasHeaders &&
    context.ignorePrivate &&
    scan.sensitivity !== 'normal'
  ) {
    rules.push(RULE_IDS.SENSITIVITY);
    return decide(kind, 'ignore', rules, []);
  }
  const subject = typeof safe.subject === 'string' ? safe.subject : '';
  if (subject !== '' && context.hasSensitiveSubject(subject)) {
    rules.push(RULE_IDS.SENSITIVE_SUBJECT);
    return decide(kind, 'ignore', rules, []);
  }

  if (scan.hasHeaders) {
    if (kind === 'spam') {
      rules.push(RULE_IDS.SPAM_IGNORED);
      return decide(kind, 'ignore', rules, []);
    }
    if (kind === 'bulk') {
      rules.push(RULE_IDS.BULK_IGNORED);
      return decide(kind, 'ignore', rules, []);
    }
    if (kind === 'bounce') {
      // A bounce lands in the mailbox of the sender whose mail failed; which
      // recipient failed is in the body, so refineWithBody settles it. The
      // internal-only rule does not apply: Exchange sends NDRs from the org's
      // own system mailbox.
      if (context.direction === 'inbound') {
        rules.push(RULE_IDS.BOUNCE_TO_OWNER);
        return decide(kind, 'fetch', rules, []);
      }
      rules.push(RULE_IDS.BOUNCE_NOT_INBOUND);
      return decide(kind, 'ignore', rules, []);
    }
  }

  let external = 0;
  let allowed = false;
  const prospects: string[] = [];
  for (const address of participants) {
    if (context.isOwner(address)) continue;
    if (context.isAllowed(address)) allowed = true;
    if (context.isInternal(address)) continue;
    external++;
    if (context.prospects.isProspect(address) && !prospects.includes(address)) {
      prospects.push(address);
    }
  }
  prospects.sort();

  if (external === 0 && !allowed && participants.length > 0) {
    // Without headers an internal NDR could hide here; only its structured
    // hints (subject, daemon sender) can tell, so they keep it open.
    if (scan.hasHeaders || (scan.bits & BOUNCE_BITS) === 0) {
      rules.push(RULE_IDS.INTERNAL_ONLY);
      return decide(kind, 'ignore', rules, []);
    }
  }

  if (!scan.hasHeaders) {
    if (prospects.length === 0 && !allowed && (scan.bits & BOUNCE_BITS) === 0) {
      rules.push(RULE_IDS.NO_PROSPECT);
      return decide(kind, 'ignore', rules, []);
    }
    if (
      context.direction === 'outbound' &&
      !context.ignorePrivate &&
      (scan.bits & BOUNCE_BITS) === 0 &&
      (kind !== 'calendar' || context.calendarRelevant)
    ) {
      // Mail the owner sent is the owner's own writing: no header can make
      // it a list post, an auto-reply or spam in their Sent Items.
      rules.push(RULE_IDS.OUTBOUND_WITHOUT_HEADERS);
      rules.push(
        prospects.length > 0
          ? RULE_IDS.PROSPECT_PARTICIPANT
          : RULE_IDS.ALLOWED_PARTICIPANT,
      );
      return decide(kind, 'fetch', rules, prospects);
    }
    rules.push(RULE_IDS.NEEDS_HEADERS);
    return decide(kind, 'needs-headers', rules, prospects);
  }

  if (kind === 'auto-reply') {
    // Out-of-office handling needs the prospect's auto-reply.
    const from = addressOf(safe.from) || addressOf(safe.sender);
    if (
      from !== '' &&
      !context.isInternal(from) &&
      context.prospects.isProspect(from)
    ) {
      rules.push(RULE_IDS.AUTO_REPLY_FROM_PROSPECT);
      return decide(kind, 'fetch', rules, [from]);
    }
    rules.push(RULE_IDS.AUTO_REPLY_NOT_FROM_PROSPECT);
    return decide(kind, 'ignore', rules, []);
  }

  if (kind === 'calendar' && !context.calendarRelevant) {
    rules.push(RULE_IDS.CALENDAR_NOT_RELEVANT);
    return decide(kind, 'ignore', rules, []);
  }

  if (prospects.length > 0) {
    rules.push(RULE_IDS.PROSPECT_PARTICIPANT);
    return decide(kind, 'fetch', rules, prospects);
  }
  if (allowed) {
    rules.push(RULE_IDS.ALLOWED_PARTICIPANT);
    return decide(kind, 'fetch', rules, []);
  }
  rules.push(RULE_IDS.NO_PROSPECT);
  return decide(kind, 'ignore', rules, []);
}
