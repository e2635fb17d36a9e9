export type FolderName = 'inbox' | 'sentitems';

export const FOLDER_NAMES: readonly FolderName[] = ['inbox', 'sentitems'];

/** What a message is, from the generator's point of view (ground truth for parity tests). */
export type MessageKind =
  | 'prospect'
  | 'internal'
  | 'external'
  | 'newsletter'
  | 'notification'
  | 'auto-reply'
  | 'bounce'
  | 'meeting'
  | 'spam'
  | 'eml'
  | 'delivered';

export interface Person {
  name: string;
  address: string;
}

export interface Prospect {
  email: string;
  name: string;
  accountDomain: string;
  company: string;
}

export interface HeaderField {
  name: string;
  value: string;
}

/** What the generator knows about a message that Graph does not say (parity tests' answers). */
export interface GroundTruth {
  kind: MessageKind;
  direction: 'inbound' | 'outbound';
  /** The other party: the sender of inbound mail, the first recipient of outbound mail. */
  counterpart?: string;
  /** Set when the counterpart (or the bounced recipient) is on the tenant's prospect list. */
  prospectEmail?: string;
  /** Conversation key shared by every message of a generated thread. */
  threadKey: string;
  autoReply?: boolean;
  bounce?: { recipient: string; recipientIsProspect: boolean; status: string };
  listId?: string;
  spamConfidenceLevel?: number;
  meeting?: boolean;
}

export interface MessageBody {
  html: string;
  text: string;
  /** The part written by the sender of this message, without quoted history (Graph's uniqueBody). */
  uniqueHtml: string;
  uniqueText: string;
}

/** A fully rendered message; produced lazily from the seed or stored for loaded/delivered mail. */
export interface MessageContent {
  odataType: string;
  subject: string;
  from: Person;
  sender: Person;
  toRecipients: Person[];
  ccRecipients: Person[];
  bccRecipients: Person[];
  replyTo: Person[];
  internetMessageId: string;
  conversationId: string;
  conversationIndex: string;
  sentMs: number;
  importance: 'low' | 'normal' | 'high';
  hasAttachments: boolean;
  inferenceClassification: 'focused' | 'other';
  isDeliveryReceiptRequested: boolean;
  isReadReceiptRequested: boolean;
  headers: HeaderField[];
  body(): MessageBody;
  /** RFC 5322 text as `$value` returns it. */
  mime(): string;
  truth: GroundTruth;
}

export interface MessageRecord {
  /** Arrival order within the mailbox (monotonic). */
  ord: number;
  id: string;
  immutableId: string;
  folder: FolderName;
  receivedMs: number;
  createdMs: number;
  lastModifiedMs: number;
  isRead: boolean;
  flagStatus: 'notFlagged' | 'flagged' | 'complete';
  categories: string[];
  /** Mailbox change sequence at creation and at the last change (delta anchors). */
  createdSeq: number;
  seq: number;
  /** Property name -> sequence of its last change, for "updated" delta items. */
  changedProps?: Map<string, number>;
  removedSeq?: number;
  changeCount: number;
  /** Generated mail: conversation index and position; rendered on demand. */
  conv?: number;
  pos?: number;
  /** Loaded (.eml) or delivered mail: stored content. */
  content?: MessageContent;
}

export interface FolderState {
  name: FolderName;
  id: string;
  displayName: string;
  /** Every record ever created in the folder, removed ones included (tombstones for delta). */
  records: MessageRecord[];
}

export interface SimUser {
  index: number;
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  disabled: boolean;
  deleted: boolean;
  folders: Record<FolderName, FolderState>;
  byId: Map<string, MessageRecord>;
  /** Mailbox change counter: every create, update and delete takes the next value. */
  seq: number;
  /** Raised by delta invalidation: links minted under an older epoch get 410. */
  deltaEpoch: number;
  /** Prospect accounts this user sells to (indexes into the tenant's accounts). */
  territory: number[];
}
