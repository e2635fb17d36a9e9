import type { GraphIntegrationError } from '../errors/graph.error.js';

// Shapes of the Graph v1.0 resources this client reads
// (https://learn.microsoft.com/graph/api/resources/message).

export interface GraphEmailAddress {
  name?: string | null;
  address?: string | null;
}

export interface GraphRecipient {
  emailAddress: GraphEmailAddress;
}

export interface GraphInternetMessageHeader {
  name: string;
  value: string;
}

/** The header-only properties the header pass selects: no body, no bodyPreview. */
export interface GraphHeaderProperties {
  subject: string | null;
  from: GraphRecipient | null;
  sender: GraphRecipient | null;
  toRecipients: GraphRecipient[];
  ccRecipients: GraphRecipient[];
  bccRecipients: GraphRecipient[];
  replyTo: GraphRecipient[];
  internetMessageId: string | null;
  conversationId: string | null;
  conversationIndex: string | null;
  receivedDateTime: string | null;
  sentDateTime: string | null;
  hasAttachments: boolean;
  importance: string | null;
  inferenceClassification: string | null;
  isDraft: boolean;
  isRead: boolean;
  categories: string[];
  parentFolderId: string | null;
  changeKey: string | null;
  /** Only when delta returned them (UNCERTAIN in Graph); see `missingHeaderIds`. */
  internetMessageHeaders?: GraphInternetMessageHeader[];
}

/** A created item, or an updated one that came back with every selected property. */
export type FullHeaderMessage = {
  id: string;
  partial: false;
} & GraphHeaderProperties;

/**
 * An updated item that carries only `id` and the properties that changed:
 * Graph may send that "whatever $select asked for"; merge it into what you
 * have instead of overwriting.
 */
export type PartialHeaderMessage = {
  id: string;
  partial: true;
} & Partial<GraphHeaderProperties>;

export type HeaderMessage = FullHeaderMessage | PartialHeaderMessage;

export interface RemovedMessage {
  id: string;
  /** `deleted` (gone) or `changed` (moved out of the folder, or otherwise out of scope). */
  reason: 'deleted' | 'changed';
}

export interface HeaderPage {
  messages: HeaderMessage[];
  removed: RemovedMessage[];
  /** Present on every page but the last; opaque. */
  nextLink: string | undefined;
  /** Present on the last page only; store it for the next round. Opaque. */
  deltaLink: string | undefined;
  /** Full items without `internetMessageHeaders`: fetch with `fetchInternetMessageHeaders`. */
  missingHeaderIds: string[];
}

export interface HeaderPageOptions {
  /** Resume from the deltaLink of the previous round. */
  deltaLink?: string;
  /** First round only: `$filter=receivedDateTime ge {since}` (Graph then caps the round at 5,000 messages). */
  since?: Date;
  /** `Prefer: odata.maxpagesize` (sent on every call); default 500, max 999. */
  pageSize?: number;
}

export interface GraphAttachmentInfo {
  id: string;
  name: string | null;
  contentType: string | null;
  size: number;
  isInline: boolean;
}

export interface FullMessage extends GraphHeaderProperties {
  id: string;
  body: { contentType: 'html' | 'text'; content: string } | null;
  internetMessageHeaders?: GraphInternetMessageHeader[];
  attachments?: GraphAttachmentInfo[];
  webLink?: string | null;
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string | null;
  accountEnabled?: boolean | null;
}

export interface GraphMailFolder {
  id: string;
  displayName: string;
  parentFolderId?: string | null;
  totalItemCount?: number;
  unreadItemCount?: number;
}

export interface BatchItemFailure {
  id: string;
  error: GraphIntegrationError;
}

export interface FetchResult<T> {
  items: T[];
  /** Ids Graph no longer has (404 ErrorItemNotFound): deleted since the header pass. */
  missing: string[];
  /** Items still failing after the retries (throttled, transient, refused). */
  failed: BatchItemFailure[];
}
