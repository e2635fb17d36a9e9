import type { RuleId } from './rule-ids.constants.js';

/**
 * An e-mail address as Microsoft Graph returns it inside `from`, `sender`,
 * `toRecipients` and friends (Graph resource type `recipient`).
 */
export interface GraphRecipient {
  emailAddress?: {
    name?: string | null;
    address?: string | null;
  } | null;
}

/** One entry of Graph's `internetMessageHeaders` collection. */
export interface GraphInternetMessageHeader {
  name: string;
  value: string;
}

/**
 * The header-level fields of a Graph `message` (no body). Every field is
 * optional because `$select` may leave any of them out.
 */
export interface GraphMessageHeaders {
  internetMessageHeaders?: readonly GraphInternetMessageHeader[] | null;
  from?: GraphRecipient | null;
  sender?: GraphRecipient | null;
  toRecipients?: readonly GraphRecipient[] | null;
  ccRecipients?: readonly GraphRecipient[] | null;
  bccRecipients?: readonly GraphRecipient[] | null;
  replyTo?: readonly GraphRecipient[] | null;
  subject?: string | null;
  sentDateTime?: string | null;
  receivedDateTime?: string | null;
  isDraft?: boolean | null;
  importance?: 'low' | 'normal' | 'high' | null;
  inferenceClassification?: 'focused' | 'other' | null;
  internetMessageId?: string | null;
  conversationId?: string | null;
}

/**
 * A fetched message as `refineWithBody` reads it: the header fields plus the
 * Graph `body` and, when the caller has it (Graph `/messages/{id}/$value` or a
 * `.eml` file), the raw RFC 5322 message text in `mimeContent`.
 */
export interface FullMessage extends GraphMessageHeaders {
  body?: {
    contentType?: 'text' | 'html' | null;
    content?: string | null;
  } | null;
  /** The whole RFC 5322 message (headers and MIME body) as text. */
  mimeContent?: string | null;
}

/** What kind of e-mail a message is, decided from its headers. */
export type MessageKind =
  | 'human'
  | 'auto-reply'
  | 'bounce'
  | 'bulk'
  | 'calendar'
  | 'spam';

/**
 * What the caller should do: download and store the message (`fetch`), leave
 * it alone (`ignore`), or get its `internetMessageHeaders` with a body-less
 * request and classify again (`needs-headers`).
 */
export type ClassificationAction = 'fetch' | 'ignore' | 'needs-headers';

/** The outcome of `classifyHeaders`. */
export interface Decision {
  /** The message kind; provisional (best guess) when `action` is `needs-headers`. */
  kind: MessageKind;
  action: ClassificationAction;
  /** Ids of every rule that fired, in the order they were evaluated. */
  rules: RuleId[];
  /** Matched prospect addresses (lower case, sorted, unique). */
  prospects: string[];
}

/** The outcome of `refineWithBody`: a decision plus what the body revealed. */
export interface RefinedDecision extends Decision {
  /** Recipients a bounce reports as failed or delayed (lower case, sorted). */
  bouncedRecipients: string[];
  /** Return date an out-of-office reply states, as `YYYY-MM-DD`, when unambiguous. */
  returnDate?: string;
}

/** Tells whether an address is a known prospect, and which account domain it belongs to. */
export interface ProspectMatcher {
  /** True when the address (any case) is a known prospect or belongs to an account domain. */
  isProspect(address: string): boolean;
  /** The account domain the address belongs to (its domain or a parent of it), if any. */
  accountDomainOf(address: string): string | undefined;
}

/** An address list and a domain list; domains also match their subdomains. */
export interface AddressDomainList {
  addresses?: readonly string[];
  domains?: readonly string[];
}

/** What the org decided, plus the mailbox the message belongs to. */
export interface ClassificationOptions {
  /** The mailbox owner's addresses, aliases included. */
  ownerAddresses?: readonly string[];
  /** `inbound` for received mail, `outbound` for mail the owner sent. Default `inbound`. */
  direction?: 'inbound' | 'outbound';
  /** The org's own domains; subdomains match too. */
  internalDomains?: readonly string[];
  /** Known prospects; default: nobody is a prospect. */
  prospects?: ProspectMatcher;
  /** Participants that make a message ignored, whatever else it is. */
  blocked?: AddressDomainList;
  /** Participants that make a human message relevant even when not a prospect. */
  allowed?: AddressDomainList;
  /** Ignore mail whose `Sensitivity` is Private, Personal or Company-Confidential. */
  ignorePrivate?: boolean;
  /** Case-insensitive words or phrases that make a message ignored when the subject contains them. */
  sensitiveSubjectTerms?: readonly string[];
  /** Treat meeting invitations and responses like human mail (default true). */
  calendarRelevant?: boolean;
}

/**
 * A compiled classification context, built once per mailbox with
 * `createClassificationContext` and reused for every message.
 */
export interface ClassificationContext {
  readonly direction: 'inbound' | 'outbound';
  readonly prospects: ProspectMatcher;
  readonly ignorePrivate: boolean;
  readonly calendarRelevant: boolean;
  /** True for one of the owner's addresses. */
  isOwner(address: string): boolean;
  /** True for an owner address or an address in an internal domain. */
  isInternal(address: string): boolean;
  isBlocked(address: string): boolean;
  isAllowed(address: string): boolean;
  /** True when the subject contains a sensitive term. */
  hasSensitiveSubject(subject: string): boolean;
}

/** The `Sensitivity` of a message (RFC 2156 §5.3.4, Outlook's `Sensitivity` header). */
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';
