import type { MailFolder, MessageDirection } from '@headersync/domain-model';
import type {
  StoredMessageInput,
  StoredParticipant,
} from '@headersync/domain-persistence';
import type {
  FullMessage,
  GraphHeaderProperties,
  GraphRecipient,
} from '@headersync/graph-client';
import type {
  Decision,
  FullMessage as ClassifierFullMessage,
  GraphMessageHeaders,
  RefinedDecision,
} from '@headersync/header-classifier';

// Pure mapping between the Graph shapes (graph-client), the classifier's
// input and the rows persistence stores. No I/O, no clock.

/** Inbox mail was received, Sent Items mail was sent by the owner. */
export function directionOfFolder(folder: MailFolder): MessageDirection {
  switch (folder) {
    case 'inbox':
      return 'inbound';
    case 'sentitems':
      return 'outbound';
  }
}

type Participants = Pick<
  Partial<GraphHeaderProperties>,
  | 'from'
  | 'sender'
  | 'toRecipients'
  | 'ccRecipients'
  | 'bccRecipients'
  | 'replyTo'
>;

function recipientsOf(message: Participants): GraphRecipient[] {
  const out: GraphRecipient[] = [];
  if (message.from) out.push(message.from);
  if (message.sender) out.push(message.sender);
  for (const list of [
    message.toRecipients,
    message.ccRecipients,
    message.bccRecipients,
    message.replyTo,
  ]) {
    if (Array.isArray(list)) out.push(...list);
  }
  return out;
}

/** Every participant address of the messages, lowercased and unique (for one prospect query per page). */
export function participantAddressesOf(
  messages: readonly Participants[],
): string[] {
  const set = new Set<string>();
  for (const message of messages) {
    for (const r of recipientsOf(message)) {
      const address = r.emailAddress?.address?.trim().toLowerCase();
      if (address) set.add(address);
    }
  }
  return [...set].sort();
}

/**
 * The classifier's view of a Graph message. graph-client types `importance`
 * and `inferenceClassification` as plain strings; the classifier wants its
 * unions, and ignores values it does not know.
 */
export function toClassifierMessage(
  message: Partial<GraphHeaderProperties> & {
    body?: FullMessage['body'];
  },
): ClassifierFullMessage {
  const importance = message.importance;
  const inference = message.inferenceClassification;
  const classifier: GraphMessageHeaders & {
    body?: ClassifierFullMessage['body'];
  } = {
    ...(message.internetMessageHeaders
      ? { internetMessageHeaders: message.internetMessageHeaders }
      : {}),
    from: message.from ?? null,
    sender: message.sender ?? null,
    toRecipients: message.toRecipients ?? [],
    ccRecipients: message.ccRecipients ?? [],
    bccRecipients: message.bccRecipients ?? [],
    replyTo: message.replyTo ?? [],
    subject: message.subject ?? null,
    sentDateTime: message.sentDateTime ?? null,
    receivedDateTime: message.receivedDateTime ?? null,
    isDraft: message.isDraft ?? null,
    importance:
      importance === 'low' || importance === 'normal' || importance === 'high'
        ? importance
        : null,
    inferenceClassification:
      inference === 'focused' || inference === 'other' ? inference : null,
    internetMessageId: message.internetMessageId ?? null,
    conversationId: message.conversationId ?? null,
  };
  if (message.body !== undefined) classifier.body = message.body;
  return classifier;
}

/**
 * The one thing an ignored message leaves behind: the id of the rule that
 * decided to ignore it, as a SyncRun counter key and a metrics label. The
 * relevance (or refine) rule is the reason; kind rules only explain the
 * kind. `/` becomes `:` because SyncRun reason keys are
 * `[a-z0-9][a-z0-9._:-]*` (SyncRunRepository).
 */
export function ignoreReasonOf(decision: Decision): string {
  for (let i = decision.rules.length - 1; i >= 0; i--) {
    const rule = decision.rules[i];
    if (rule?.startsWith('refine/') || rule?.startsWith('relevance/'))
      return rule.replace('/', ':');
  }
  return 'unclassified';
}

function participantOf(
  r: GraphRecipient | null | undefined,
): StoredParticipant | null {
  const address = r?.emailAddress?.address?.trim();
  if (!address) return null;
  const name = r?.emailAddress?.name?.trim();
  return name ? { name, address } : { address };
}

function participantsOf(list: readonly GraphRecipient[] | null | undefined) {
  return (list ?? [])
    .map(participantOf)
    .filter((p): p is StoredParticipant => p !== null);
}

function dateOrNull(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A fetched message the classifier decided to keep, as one mailbox copy to upsert. */
export function toStoredMessageInput(args: {
  orgId: string;
  mailboxId: string;
  folder: MailFolder;
  message: FullMessage;
  decision: RefinedDecision;
  /** Used when Graph gives no receivedDateTime (it always should). */
  fallbackReceivedAt: Date;
}): StoredMessageInput {
  const { message, decision } = args;
  const bodyContent = message.body?.content ?? '';
  const headers = (message.internetMessageHeaders ?? []).map((h) => ({
    name: h.name,
    value: h.value,
  }));
  const headerBytes = headers.reduce(
    (n, h) => n + Buffer.byteLength(h.name) + Buffer.byteLength(h.value) + 4,
    0,
  );
  return {
    orgId: args.orgId,
    mailboxId: args.mailboxId,
    graphId: message.id,
    internetMessageId: message.internetMessageId || null,
    conversationId: message.conversationId ?? null,
    folder: args.folder,
    direction: directionOfFolder(args.folder),
    participants: {
      from: participantOf(message.from),
      sender: participantOf(message.sender),
      to: participantsOf(message.toRecipients),
      cc: participantsOf(message.ccRecipients),
      bcc: participantsOf(message.bccRecipients),
      replyTo: participantsOf(message.replyTo),
    },
    subject: message.subject ?? null,
    sentAt: dateOrNull(message.sentDateTime),
    receivedAt:
      dateOrNull(message.receivedDateTime) ??
      dateOrNull(message.sentDateTime) ??
      args.fallbackReceivedAt,
    headers,
    bodyContentType: message.body?.contentType === 'html' ? 'html' : 'text',
    bodyContent,
    sizeBytes: Buffer.byteLength(bodyContent) + headerBytes,
    kind: decision.kind,
    rules: [...decision.rules],
    matchedProspects: [...decision.prospects],
    outOfOfficeUntil: decision.returnDate
      ? dateOrNull(`${decision.returnDate}T00:00:00Z`)
      : null,
  };
}
