import { findBouncedRecipients } from './delivery-status.util.js';
import { htmlToText, parseMimeLeaves, type MimeLeaf } from './mime.util.js';
import {
  findReturnDate,
  looksLikeAutoReplyText,
} from './out-of-office.util.js';
import { RULE_IDS, type RuleId } from './rule-ids.constants.js';
import type {
  ClassificationContext,
  Decision,
  FullMessage,
  GraphInternetMessageHeader,
  RefinedDecision,
} from './types.js';

function leavesOf(message: FullMessage): MimeLeaf[] {
  if (typeof message.mimeContent === 'string' && message.mimeContent !== '') {
    return parseMimeLeaves(message.mimeContent);
  }
  const content = message.body?.content;
  if (typeof content !== 'string') return [];
  return message.body?.contentType === 'html'
    ? [{ type: 'text/html', text: content }]
    : [{ type: 'text/plain', text: content }];
}

function readableText(leaves: readonly MimeLeaf[]): string {
  const plain = leaves.filter((leaf) => leaf.type === 'text/plain');
  if (plain.length > 0) return plain.map((leaf) => leaf.text).join('\n');
  return leaves
    .filter((leaf) => leaf.type === 'text/html')
    .map((leaf) => htmlToText(leaf.text))
    .join('\n');
}

function sendersOf(message: FullMessage): Set<string> {
  const out = new Set<string>();
  for (const who of [message.from, message.sender]) {
    const address = who?.emailAddress?.address;
    if (typeof address === 'string') out.add(address.trim().toLowerCase());
  }
  return out;
}

/**
 * The post-download step: reads the body of a fetched message and settles
 * what headers could not.
 *
 * - A bounce: finds the recipient it reports (RFC 3464 delivery-status
 *   fields, else the report texts of Exchange, Gmail, Postfix, Exim, qmail and
 *   Sendmail, else `X-Failed-Recipients`, else the returned message's
 *   recipients). It stays `fetch` only when one of them is a prospect; it
 *   becomes `ignore` otherwise.
 * - A human message whose text reads as an automatic reply becomes
 *   `auto-reply` (the action is kept: it was fetched for a prospect).
 * - An auto-reply: the stated return date, when unambiguous.
 *
 * Never throws; deterministic.
 *
 * @param decision - what `classifyHeaders` decided for the message
 * @param fullMessage - the fetched message: Graph `body` and/or raw `mimeContent`
 * @param context - the same context `classifyHeaders` was given
 */
export function refineWithBody(
  decision: Decision,
  fullMessage: FullMessage,
  context: ClassificationContext,
): RefinedDecision {
  const message: FullMessage =
    typeof fullMessage === 'object' && fullMessage !== null ? fullMessage : {};
  const rules: RuleId[] = [...decision.rules];
  const refined: RefinedDecision = {
    kind: decision.kind,
    action: decision.action,
    rules,
    prospects: [...decision.prospects],
    bouncedRecipients: [],
  };
  if (
    decision.kind !== 'bounce' &&
    decision.kind !== 'human' &&
    decision.kind !== 'auto-reply'
  ) {
    return refined;
  }
  const leaves = leavesOf(message);
  const headers: readonly GraphInternetMessageHeader[] = Array.isArray(
    message.internetMessageHeaders,
  )
    ? message.internetMessageHeaders
    : [];

  if (decision.kind === 'bounce') {
    const senders = sendersOf(message);
    const { recipients } = findBouncedRecipients(
      leaves,
      headers,
      (address) => senders.has(address) || context.isOwner(address),
    );
    refined.bouncedRecipients = recipients;
    if (decision.action !== 'fetch') return refined;
    const prospects = recipients.filter(
      (address) =>
        !context.isInternal(address) && context.prospects.isProspect(address),
    );
    if (prospects.length > 0) {
      rules.push(RULE_IDS.REFINE_BOUNCE_PROSPECT);
      refined.prospects = prospects;
    } else {
      rules.push(
        recipients.length > 0
          ? RULE_IDS.REFINE_BOUNCE_NOT_PROSPECT
          : RULE_IDS.REFINE_BOUNCE_NO_RECIPIENT,
      );
      refined.action = 'ignore';
      refined.prospects = [];
    }
    return refined;
  }

  const text = readableText(leaves);
  if (decision.kind === 'human') {
    if (!looksLikeAutoReplyText(text)) return refined;
    rules.push(RULE_IDS.REFINE_BODY_AUTO_REPLY);
    refined.kind = 'auto-reply';
  }
  const subject = typeof message.subject === 'string' ? message.subject : '';
  const returnDate =
    findReturnDate(subject, message.sentDateTime) ??
    findReturnDate(text, message.sentDateTime);
  if (returnDate) {
    rules.push(RULE_IDS.REFINE_RETURN_DATE);
    refined.returnDate = returnDate;
  }
  return refined;
}
