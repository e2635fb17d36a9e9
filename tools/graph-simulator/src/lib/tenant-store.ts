import { contentFromEml } from './eml.util.js';
import { buildMime, rfc5322Date } from './mime.util.js';
import { MessageRenderer } from './message-renderer.js';
import { mixSeed, Prng } from './prng.util.js';
import {
  generateTenant,
  opaqueId,
  type ConversationKind,
  type GeneratedTenant,
  type GeneratorOptions,
} from './tenant-generator.js';
import type {
  FolderName,
  GroundTruth,
  HeaderField,
  MessageContent,
  MessageRecord,
  Person,
  SimUser,
} from './tenant.types.js';

/** A partial message for POST /_sim/users/{id}/deliver. */
export interface DeliveredMessage {
  subject?: string;
  from?: Person;
  toRecipients?: Person[];
  ccRecipients?: Person[];
  body?: { contentType?: 'html' | 'text'; content?: string };
  internetMessageHeaders?: HeaderField[];
  internetMessageId?: string;
  isRead?: boolean;
}

export interface MessagePatch {
  isRead?: boolean;
  flag?: { flagStatus: 'notFlagged' | 'flagged' | 'complete' };
  categories?: string[];
}

const CACHE_LIMIT = 4000;

/** The tenant's mutable state: generated mailboxes plus everything changed since. */
export class TenantStore {
  readonly data: GeneratedTenant;
  private readonly renderer: MessageRenderer;
  private readonly cache = new Map<MessageRecord, MessageContent>();
  private deliverCounter = 0;

  constructor(options: GeneratorOptions) {
    this.data = generateTenant(options);
    this.renderer = new MessageRenderer(this.data);
  }

  get users(): readonly SimUser[] {
    return this.data.users;
  }

  findUser(idOrUpn: string): SimUser | undefined {
    const key = idOrUpn.toLowerCase();
    return this.data.users.find(
      (u) => u.id === key || u.userPrincipalName.toLowerCase() === key,
    );
  }

  content(user: SimUser, record: MessageRecord): MessageContent {
    if (record.content) return record.content;
    const hit = this.cache.get(record);
    if (hit) {
      // Refresh LRU position.
      this.cache.delete(record);
      this.cache.set(record, hit);
      return hit;
    }
    const rendered = this.renderer.render(user, record);
    this.cache.set(record, rendered);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest) this.cache.delete(oldest);
    }
    return rendered;
  }

  private nextRecord(
    user: SimUser,
    folder: FolderName,
    receivedMs: number,
  ): MessageRecord {
    const ord =
      user.folders.inbox.records.length + user.folders.sentitems.records.length;
    this.deliverCounter++;
    user.seq++;
    const record: MessageRecord = {
      ord,
      id: opaqueId(
        'AAMkAG',
        120,
        this.data.seed,
        'rest',
        user.id,
        'live',
        ord,
        this.deliverCounter,
      ),
      immutableId: opaqueId(
        'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A',
        84,
        this.data.seed,
        'immutable',
        user.id,
        'live',
        ord,
        this.deliverCounter,
      ),
      folder,
      receivedMs,
      createdMs: receivedMs,
      lastModifiedMs: receivedMs,
      isRead: false,
      flagStatus: 'notFlagged',
      categories: [],
      createdSeq: user.seq,
      seq: user.seq,
      changeCount: 1,
    };
    user.folders[folder].records.push(record);
    user.byId.set(record.id, record);
    user.byId.set(record.immutableId, record);
    return record;
  }

  /** New generated inbound mail, as if it arrived now (one-message conversations). */
  deliverGenerated(
    user: SimUser,
    count: number,
    nowMs: number,
  ): MessageRecord[] {
    const rng = new Prng(
      mixSeed(this.data.seed, 9000 + user.index, this.deliverCounter),
      14,
    );
    const convs = this.data.conversations[user.index];
    if (!convs) return [];
    const out: MessageRecord[] = [];
    for (let i = 0; i < count; i++) {
      const kind = rng.weighted<ConversationKind>({
        external: 0,
        'auto-reply': 0,
        bounce: 0,
        prospect: 40,
        internal: 10,
        newsletter: 15,
        notification: 20,
        meeting: 5,
        spam: 10,
      });
      const account =
        this.data.accounts[
          user.territory[rng.int(0, user.territory.length - 1)] ?? 0
        ];
      const counterpart =
        kind === 'internal'
          ? (user.index +
              1 +
              rng.int(0, Math.max(0, this.data.users.length - 2))) %
            this.data.users.length
          : kind === 'prospect' || kind === 'meeting'
            ? rng.pick(account?.contacts ?? [0])
            : rng.int(0, 3);
      const sentMs = nowMs - rng.int(2, 30) * 1000;
      convs.push({
        kind,
        key: `u${user.index}-live${convs.length}`,
        seed: rng.nextUint32(),
        times: [sentMs],
        counterpart,
        userStarts: false,
      });
      const record = this.nextRecord(
        user,
        'inbox',
        Math.floor(nowMs / 1000) * 1000,
      );
      record.conv = convs.length - 1;
      record.pos = 0;
      out.push(record);
    }
    return out;
  }

  deliverPartial(
    user: SimUser,
    m: DeliveredMessage,
    nowMs: number,
  ): MessageRecord {
    const record = this.nextRecord(
      user,
      'inbox',
      Math.floor(nowMs / 1000) * 1000,
    );
    const me: Person = { name: user.displayName, address: user.mail };
    const from = m.from ?? {
      name: 'External Sender',
      address: 'sender@fabrikam.com',
    };
    const to = m.toRecipients ?? [me];
    const subject = m.subject ?? '(no subject)';
    const internetMessageId =
      m.internetMessageId ??
      `<${record.immutableId.slice(-24).replace(/[^A-Za-z0-9]/g, 'x')}@${from.address.split('@')[1] ?? 'example.com'}>`;
    const html =
      m.body?.contentType === 'text'
        ? `<html><body><pre>${m.body.content ?? ''}</pre></body></html>`
        : (m.body?.content ?? '<html><body></body></html>');
    const text =
      m.body?.contentType === 'text'
        ? (m.body.content ?? '')
        : html
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim();
    const boundary = `_000_${record.immutableId.slice(-20).replace(/[^A-Za-z0-9]/g, 'x')}_`;
    const headers: HeaderField[] = m.internetMessageHeaders ?? [
      { name: 'From', value: `${from.name} <${from.address}>` },
      {
        name: 'To',
        value: to.map((p) => `${p.name} <${p.address}>`).join(', '),
      },
      { name: 'Subject', value: subject },
      { name: 'Date', value: rfc5322Date(nowMs) },
      { name: 'Message-ID', value: internetMessageId },
      { name: 'MIME-Version', value: '1.0' },
      {
        name: 'Content-Type',
        value: `multipart/alternative; boundary="${boundary}"`,
      },
    ];
    const body = { html, text, uniqueHtml: html, uniqueText: text };
    const truth: GroundTruth = {
      kind: 'delivered',
      direction: 'inbound',
      counterpart: from.address,
      threadKey: internetMessageId,
    };
    record.isRead = m.isRead ?? false;
    record.content = {
      odataType: '#microsoft.graph.message',
      subject,
      from,
      sender: from,
      toRecipients: to,
      ccRecipients: m.ccRecipients ?? [],
      bccRecipients: [],
      replyTo: [],
      internetMessageId,
      conversationId: 'AAQkAG' + record.immutableId.slice(-54) + '=',
      conversationIndex: Buffer.from(record.immutableId.slice(0, 22)).toString(
        'base64',
      ),
      sentMs: nowMs,
      importance: 'normal',
      hasAttachments: false,
      inferenceClassification: 'focused',
      isDeliveryReceiptRequested: false,
      isReadReceiptRequested: false,
      headers,
      body: () => body,
      mime: () =>
        buildMime(headers, boundary, [
          {
            contentType: 'text/plain; charset="utf-8"',
            transferEncoding: 'quoted-printable',
            content: text,
          },
          {
            contentType: 'text/html; charset="utf-8"',
            transferEncoding: 'quoted-printable',
            content: html,
          },
        ]),
      truth,
    };
    return record;
  }

  loadEml(user: SimUser, raw: Buffer, nowMs: number): MessageRecord {
    const content = contentFromEml(
      raw,
      this.data.domain,
      { name: user.displayName, address: user.mail },
      nowMs,
    );
    const received = content.headers
      .find((h) => h.name.toLowerCase() === 'received')
      ?.value.split(';')
      .pop();
    const receivedMs = Date.parse(received ?? '') || content.sentMs || nowMs;
    const record = this.nextRecord(
      user,
      content.truth.direction === 'outbound' ? 'sentitems' : 'inbox',
      Math.floor(receivedMs / 1000) * 1000,
    );
    record.content = content;
    record.isRead = true;
    return record;
  }

  patch(
    user: SimUser,
    record: MessageRecord,
    patch: MessagePatch,
    nowMs: number,
  ): void {
    user.seq++;
    record.changedProps ??= new Map();
    if (patch.isRead !== undefined) {
      record.isRead = patch.isRead;
      record.changedProps.set('isRead', user.seq);
    }
    if (patch.flag) {
      record.flagStatus = patch.flag.flagStatus;
      record.changedProps.set('flag', user.seq);
    }
    if (patch.categories) {
      record.categories = [...patch.categories];
      record.changedProps.set('categories', user.seq);
    }
    record.changedProps.set('lastModifiedDateTime', user.seq);
    record.changedProps.set('changeKey', user.seq);
    record.seq = user.seq;
    record.changeCount++;
    record.lastModifiedMs = nowMs;
  }

  remove(user: SimUser, record: MessageRecord): void {
    user.seq++;
    record.removedSeq = user.seq;
    record.seq = user.seq;
  }

  liveRecords(user: SimUser, folder: FolderName): MessageRecord[] {
    return user.folders[folder].records.filter(
      (r) => r.removedSeq === undefined,
    );
  }

  findMessage(user: SimUser, id: string): MessageRecord | undefined {
    const r = user.byId.get(id);
    return r && r.removedSeq === undefined ? r : undefined;
  }
}
