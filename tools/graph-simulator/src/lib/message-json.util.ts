import { createHash } from 'node:crypto';
import { bodyPreview, htmlToText } from './mime.util.js';
import {
  MESSAGE_DEFAULT_PROPERTIES,
  type MessageProperty,
} from './odata.util.js';
import type {
  MessageContent,
  MessageRecord,
  Person,
  SimUser,
} from './tenant.types.js';

export interface SerialiseOptions {
  /** The properties to write, in order (id is always written). */
  properties: readonly MessageProperty[];
  immutableId: boolean;
  bodyText: boolean;
  /** readBasicWithholdsHeaders with a ReadBasic token: internetMessageHeaders are left out. */
  withholdHeaders: boolean;
}

export interface SerialisedMessage {
  json: Record<string, unknown>;
  bodyBytes: number;
}

function recipient(p: Person): {
  emailAddress: { name: string; address: string };
} {
  return { emailAddress: { name: p.name, address: p.address } };
}

function isoSeconds(ms: number): string {
  // Graph writes message timestamps without fractions: "2018-09-09T03:15:08Z".
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}

export function changeKeyOf(record: MessageRecord): string {
  return createHash('sha256')
    .update(`${record.immutableId}:${record.changeCount}`)
    .digest('base64')
    .slice(0, 40);
}

export function etagOf(record: MessageRecord): string {
  return `W/"${changeKeyOf(record)}"`;
}

export function messageIdFor(
  record: MessageRecord,
  immutable: boolean,
): string {
  return immutable ? record.immutableId : record.id;
}

function jsonStringBytes(s: string): number {
  return Buffer.byteLength(JSON.stringify(s), 'utf8');
}

export function serialiseMessage(
  user: SimUser,
  record: MessageRecord,
  content: MessageContent,
  opts: SerialiseOptions,
): SerialisedMessage {
  const json: Record<string, unknown> = {};
  let bodyBytes = 0;
  const id = messageIdFor(record, opts.immutableId);
  for (const prop of opts.properties) {
    switch (prop) {
      case 'id':
        break;
      case 'createdDateTime':
        json[prop] = isoSeconds(record.createdMs);
        break;
      case 'lastModifiedDateTime':
        json[prop] = isoSeconds(record.lastModifiedMs);
        break;
      case 'changeKey':
        json[prop] = changeKeyOf(record);
        break;
      case 'categories':
        json[prop] = [...record.categories];
        break;
      case 'receivedDateTime':
        json[prop] = isoSeconds(record.receivedMs);
        break;
      case 'sentDateTime':
        json[prop] = isoSeconds(Math.min(content.sentMs, record.receivedMs));
        break;
      case 'hasAttachments':
        json[prop] = content.hasAttachments;
        break;
      case 'internetMessageId':
        json[prop] = content.internetMessageId;
        break;
      case 'subject':
        json[prop] = content.subject;
        break;
      case 'bodyPreview': {
        const preview = bodyPreview(content.body().text);
        json[prop] = preview;
        bodyBytes += jsonStringBytes(preview);
        break;
      }
      case 'importance':
        json[prop] = content.importance;
        break;
      case 'parentFolderId':
        json[prop] = user.folders[record.folder].id;
        break;
      case 'conversationId':
        json[prop] = content.conversationId;
        break;
      case 'conversationIndex':
        json[prop] = content.conversationIndex;
        break;
      case 'isDeliveryReceiptRequested':
        json[prop] = content.isDeliveryReceiptRequested;
        break;
      case 'isReadReceiptRequested':
        json[prop] = content.isReadReceiptRequested;
        break;
      case 'isRead':
        json[prop] = record.isRead;
        break;
      case 'isDraft':
        json[prop] = false;
        break;
      case 'webLink':
        json[prop] =
          `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(record.id)}&exvsurl=1&viewmodel=ReadMessageItem`;
        break;
      case 'inferenceClassification':
        json[prop] = content.inferenceClassification;
        break;
      case 'body':
      case 'uniqueBody': {
        const b = content.body();
        const html = prop === 'body' ? b.html : b.uniqueHtml;
        const text = prop === 'body' ? b.text : b.uniqueText;
        const value = opts.bodyText ? text || htmlToText(html) : html;
        json[prop] = {
          contentType: opts.bodyText ? 'text' : 'html',
          content: value,
        };
        bodyBytes += jsonStringBytes(value);
        break;
      }
      case 'sender':
        json[prop] = recipient(content.sender);
        break;
      case 'from':
        json[prop] = recipient(content.from);
        break;
      case 'toRecipients':
        json[prop] = content.toRecipients.map(recipient);
        break;
      case 'ccRecipients':
        json[prop] = content.ccRecipients.map(recipient);
        break;
      case 'bccRecipients':
        json[prop] = content.bccRecipients.map(recipient);
        break;
      case 'replyTo':
        json[prop] = content.replyTo.map(recipient);
        break;
      case 'flag':
        json[prop] = { flagStatus: record.flagStatus };
        break;
      case 'internetMessageHeaders':
        if (!opts.withholdHeaders)
          json[prop] = content.headers.map((h) => ({
            name: h.name,
            value: h.value,
          }));
        break;
    }
  }
  return { json: { id, ...json }, bodyBytes };
}

export const DEFAULT_MESSAGE_PROPERTIES: readonly MessageProperty[] =
  MESSAGE_DEFAULT_PROPERTIES;
