import {
  INTERNAL_SUBJECTS,
  MEETING_SUBJECTS,
  NEWSLETTERS,
  NOTIFIERS,
  PROSPECT_SUBJECTS,
  PROSPECT_TITLES,
  SENTENCES,
  SPAM_DOMAINS,
  SPAM_SUBJECTS,
  VENDORS,
  FIRST_NAMES,
  LAST_NAMES,
} from './generator-data.constants.js';
import {
  buildMime,
  bodyPreview,
  formatAddress,
  formatAddressList,
  htmlEscape,
  rfc5322Date,
  type MimePart,
} from './mime.util.js';
import { hashBytes, mixSeed, Prng } from './prng.util.js';
import type {
  ConversationSpec,
  GeneratedTenant,
  ProspectAccount,
} from './tenant-generator.js';
import type {
  GroundTruth,
  HeaderField,
  MessageBody,
  MessageContent,
  MessageRecord,
  Person,
  SimUser,
} from './tenant.types.js';

// Renders a generated message from its conversation seed. Everything is a pure
// function of (tenant seed, mailbox, conversation, position), so a message can
// be dropped from the cache and rendered again identically; bodies (the bulk of
// the bytes) are only built when asked for.

const EXCHANGE_NDR_SENDER = 'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e';

function hash(...parts: (string | number)[]): Buffer {
  return hashBytes(32, ...parts);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64');
}

function exchangeHost(rng: Prng, region = 'namprd'): string {
  const families = [
    'SN6PR',
    'DM6PR',
    'BN9PR',
    'MW4PR',
    'CH3PR',
    'BL1PR',
    'PH0PR',
  ];
  return `${rng.pick(families)}${rng.int(10, 19)}MB${rng.int(1000, 9999)}.${region}${rng.int(10, 22)}.prod.outlook.com`;
}

function ipv4(rng: Prng): string {
  // RFC 5737 documentation ranges: never a real host.
  const nets = ['192.0.2', '198.51.100', '203.0.113'];
  return `${rng.pick(nets)}.${rng.int(1, 254)}`;
}

// Signature values (b=, bh=) are random base64 of the right length: slices of
// one pool, so that headers cost no per-message randomness beyond an offset.
const SIGNATURE_POOL = new Prng(0x5eed, 0x51)
  .bytes(24 * 1024)
  .toString('base64');

function fakeSignature(rng: Prng, bytes: number): string {
  const length = Math.ceil(bytes / 3) * 4;
  const start = rng.int(0, SIGNATURE_POOL.length - length - 1);
  return SIGNATURE_POOL.slice(start, start + length);
}

/** Body size in bytes from a long-tailed mix: most mail a few KB, a few messages 100 KB+. */
function bodyTarget(rng: Prng, heavyChance: number, median: number): number {
  const heavy = rng.chance(heavyChance);
  const m = heavy ? 150_000 : median;
  const size = Math.exp(Math.log(m) + (heavy ? 0.5 : 0.9) * rng.normal());
  return Math.max(300, Math.min(1_500_000, Math.round(size)));
}

function paragraphs(
  rng: Prng,
  targetBytes: number,
  pool: readonly string[],
): string[] {
  const out: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const n = rng.int(2, 5);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) sentences.push(rng.pick(pool));
    const p = sentences.join(' ');
    out.push(p);
    size += p.length + 2;
  }
  return out;
}

function outlookHtml(paras: readonly string[], quotedHtml = ''): string {
  const body = paras
    .map(
      (p) =>
        `<div class="elementToProof">${htmlEscape(p)}</div>\r\n<div><br></div>`,
    )
    .join('\r\n');
  return (
    '<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n' +
    '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\r\n</head>\r\n' +
    '<body dir="ltr">\r\n<div style="font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">\r\n' +
    body +
    '\r\n</div>\r\n' +
    quotedHtml +
    '</body>\r\n</html>\r\n'
  );
}

function newsletterHtml(rng: Prng, title: string, targetBytes: number): string {
  const rows: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const row =
      `<tr><td style="padding:24px 32px;font-family:Arial,sans-serif;font-size:15px;line-height:22px;color:#333333;">` +
      `<h2 style="margin:0 0 12px 0;font-size:20px;">${htmlEscape(rng.pick(SENTENCES).slice(0, 48))}</h2>` +
      `<p style="margin:0 0 12px 0;">${htmlEscape(paragraphs(rng, 400, SENTENCES).join(' '))}</p>` +
      `<a href="https://click.example.net/ls/click?upn=${rng.hex(48)}" style="color:#0067b8;">Read more</a></td></tr>\r\n`;
    rows.push(row);
    size += row.length;
  }
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${htmlEscape(title)}</title></head>\r\n` +
    `<body style="margin:0;padding:0;background:#f3f3f3;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">\r\n` +
    rows.join('') +
    `<tr><td style="font-size:11px;color:#777;padding:16px 32px;">You are receiving this email because you subscribed. ` +
    `<a href="https://click.example.net/unsubscribe?u=${rng.hex(32)}">Unsubscribe</a></td></tr></table></body></html>\r\n`
  );
}

interface Participants {
  from: Person;
  to: Person[];
  cc: Person[];
}

/** Renders messages of one tenant; one instance per simulator. */
export class MessageRenderer {
  constructor(private readonly tenant: GeneratedTenant) {
    for (const a of tenant.accounts) this.accountByDomain.set(a.domain, a);
  }

  private userPerson(user: SimUser): Person {
    return { name: user.displayName, address: user.mail };
  }

  private prospectPerson(index: number): Person {
    const p = this.tenant.prospects[index];
    if (!p) throw new Error(`no prospect ${index}`);
    return { name: p.name, address: p.email };
  }

  private subjectOf(conv: ConversationSpec): string {
    const rng = new Prng(conv.seed, 7);
    const company =
      this.tenant.prospects[conv.counterpart]?.company ?? 'Fabrikam';
    const fill = (s: string) =>
      s.replace('{company}', company).replace('{q}', String(rng.int(1, 4)));
    switch (conv.kind) {
      case 'prospect':
      case 'auto-reply':
      case 'bounce':
        return fill(rng.pick(PROSPECT_SUBJECTS));
      case 'internal':
        return fill(rng.pick(INTERNAL_SUBJECTS));
      case 'external':
        return rng.pick([
          'Invoice #' + rng.int(10000, 99999),
          'Partnership opportunity',
          'Your registration for Sales Summit',
          'Exciting role at a fast-growing company',
        ]);
      case 'meeting':
        return `${rng.pick(MEETING_SUBJECTS)}: ${company} / Contoso`;
      case 'newsletter':
        return `${NEWSLETTERS[conv.counterpart]?.[0] ?? 'Newsletter'}: ${rng.pick(['This week in sales', 'Top stories', 'Your monthly briefing', 'Trends to watch'])}`;
      case 'notification': {
        const n = NOTIFIERS[conv.counterpart];
        return `${n?.[2] ?? 'Notification'} ${rng.pick(['Fabrikam', 'Litware', 'Tailspin Toys', 'Proseware'])} #${rng.int(100, 999)}`;
      }
      case 'spam':
        return rng.pick(SPAM_SUBJECTS);
    }
  }

  /** Message-IDs per conversation position: replies cite all earlier ones in References. */
  private readonly messageIds = new WeakMap<ConversationSpec, string[]>();
  private readonly accountByDomain = new Map<string, ProspectAccount>();

  private messageIdAt(
    user: SimUser,
    conv: ConversationSpec,
    pos: number,
  ): string {
    let ids = this.messageIds.get(conv);
    if (!ids) {
      ids = [];
      this.messageIds.set(conv, ids);
    }
    let id = ids[pos];
    if (id === undefined) {
      const from = this.participants(
        user,
        conv,
        pos,
        new Prng(mixSeed(conv.seed, pos), 8),
      ).from;
      id = this.messageId(
        conv,
        pos,
        from,
        from.address.endsWith('@' + this.tenant.domain),
      );
      ids[pos] = id;
    }
    return id;
  }

  private messageId(
    conv: ConversationSpec,
    pos: number,
    sender: Person,
    internalSender: boolean,
  ): string {
    const h = hash(this.tenant.seed, conv.key, pos, 'mid');
    if (internalSender) {
      const host = exchangeHost(new Prng(h.readUInt32BE(0)));
      return `<${host.slice(0, 12).replace('.', '')}${h.toString('hex').slice(0, 12).toUpperCase()}@${host}>`;
    }
    const domain = sender.address.split('@')[1] ?? 'example.com';
    return (h[4] ?? 0) % 2 === 0
      ? `<${h.toString('hex').slice(0, 32)}@${domain}>`
      : `<CA+${h.toString('base64url').slice(0, 38)}@mail.${domain}>`;
  }

  private participants(
    user: SimUser,
    conv: ConversationSpec,
    pos: number,
    rng: Prng,
  ): Participants {
    const me = this.userPerson(user);
    const outbound = (pos % 2 === 0) === conv.userStarts;
    let other: Person;
    switch (conv.kind) {
      case 'prospect':
      case 'auto-reply':
      case 'meeting':
        other = this.prospectPerson(conv.counterpart);
        break;
      case 'bounce':
        other = conv.bounceToProspect
          ? this.prospectPerson(conv.counterpart)
          : this.nonProspect(conv);
        break;
      case 'internal': {
        const colleague = this.tenant.users[conv.counterpart];
        other = colleague ? this.userPerson(colleague) : me;
        break;
      }
      case 'external': {
        const v = VENDORS[conv.counterpart];
        other = {
          name: v?.[0] ?? 'Vendor',
          address: `${v?.[1] ?? 'info'}@${v?.[2] ?? 'example.com'}`,
        };
        break;
      }
      case 'newsletter': {
        const n = NEWSLETTERS[conv.counterpart];
        other = {
          name: n?.[0] ?? 'Newsletter',
          address: n?.[1] ?? 'news@example.com',
        };
        break;
      }
      case 'notification': {
        const n = NOTIFIERS[conv.counterpart];
        other = {
          name: n?.[0] ?? 'Notifications',
          address: n?.[1] ?? 'no-reply@example.com',
        };
        break;
      }
      case 'spam': {
        const d = SPAM_DOMAINS[conv.counterpart] ?? 'spam.example';
        other = {
          name: rng.pick([
            'Account Services',
            'Prize Team',
            'Lead Gen Pro',
            'IT Helpdesk',
          ]),
          address: `${rng.pick(['info', 'support', 'promo', 'admin'])}@${d}`,
        };
        break;
      }
    }
    const cc: Person[] = [];
    if (conv.kind === 'prospect' && new Prng(conv.seed, 9).chance(0.25)) {
      const prospect = this.tenant.prospects[conv.counterpart];
      const account = this.accountByDomain.get(prospect?.accountDomain ?? '');
      const colleagueIdx = account?.contacts.find(
        (c) => c !== conv.counterpart,
      );
      if (colleagueIdx !== undefined)
        cc.push(this.prospectPerson(colleagueIdx));
    }
    return outbound
      ? { from: me, to: [other], cc }
      : { from: other, to: [me], cc };
  }

  private nonProspect(conv: ConversationSpec): Person {
    const rng = new Prng(conv.seed, 11);
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const domain = rng.pick([
      'northwind-logistics.net',
      'example-supplier.com',
      'oldpartner.example',
    ]);
    return {
      name: `${first} ${last}`,
      address: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${rng.int(10, 99)}@${domain}`,
    };
  }

  private conversationIndex(conv: ConversationSpec, pos: number): string {
    // MS-OXOMSG 2.2.1.3 PidTagConversationIndex: 22-byte header (reserved byte,
    // 5 bytes of FILETIME, GUID) plus a 5-byte child block per reply.
    const h = hash(this.tenant.seed, conv.key, 'ci');
    const filetime =
      BigInt(Math.floor(conv.times[0] ?? 0)) * 10000n + 116444736000000000n;
    const header = Buffer.alloc(22);
    header[0] = 1;
    const ft = Buffer.alloc(8);
    ft.writeBigUInt64BE(filetime);
    ft.copy(header, 1, 0, 5);
    h.copy(header, 6, 0, 16);
    const children = Buffer.alloc(5 * pos);
    for (let i = 0; i < pos; i++)
      hash(conv.key, i, 'child').copy(children, i * 5, 0, 5);
    return b64(Buffer.concat([header, children]));
  }

  render(user: SimUser, record: MessageRecord): MessageContent {
    const conv = this.tenant.conversations[user.index]?.[record.conv ?? -1];
    const pos = record.pos ?? 0;
    if (!conv)
      throw new Error(
        `message ${record.ord} of mailbox ${user.index} has no conversation`,
      );
    const rng = new Prng(mixSeed(conv.seed, pos), 8);
    const outbound = (pos % 2 === 0) === conv.userStarts;
    const { from, to, cc } = this.participants(user, conv, pos, rng);
    const baseSubject = this.subjectOf(conv);
    const sentMs =
      Math.floor((conv.times[pos] ?? record.receivedMs) / 1000) * 1000;
    const internalSender = from.address.endsWith('@' + this.tenant.domain);
    const internetMessageId = this.messageId(conv, pos, from, internalSender);
    const prev: string[] = [];
    for (let p = Math.max(0, pos - 8); p < pos; p++)
      prev.push(this.messageIdAt(user, conv, p));
    const kindAtPos =
      conv.kind === 'auto-reply' && pos === 0
        ? 'prospect'
        : conv.kind === 'bounce' && pos === 0
          ? 'prospect'
          : conv.kind;
    let subject =
      pos > 0 && kindAtPos !== 'auto-reply' && kindAtPos !== 'bounce'
        ? `RE: ${baseSubject}`
        : baseSubject;
    if (kindAtPos === 'auto-reply') subject = `Automatic reply: ${baseSubject}`;
    const bounceStyle = rng.int(0, 2);
    if (kindAtPos === 'bounce') {
      subject =
        bounceStyle === 0
          ? `Undeliverable: ${baseSubject}`
          : bounceStyle === 1
            ? 'Delivery Status Notification (Failure)'
            : 'Mail delivery failed: returning message to sender';
    }
    const conversationIndex = this.conversationIndex(conv, pos);
    const counterpartPerson = outbound ? to[0] : from;
    const prospect =
      kindAtPos === 'prospect' ||
      kindAtPos === 'auto-reply' ||
      kindAtPos === 'meeting' ||
      (kindAtPos === 'bounce' && conv.bounceToProspect)
        ? this.tenant.prospects[conv.counterpart]
        : undefined;
    const truth: GroundTruth = {
      kind: kindAtPos,
      direction: outbound ? 'outbound' : 'inbound',
      ...(counterpartPerson ? { counterpart: counterpartPerson.address } : {}),
      ...(prospect ? { prospectEmail: prospect.email } : {}),
      threadKey: conv.key,
    };

    // Body first: the MIME boundary and the bounce recipient are part of the headers.
    const boundary = `_000_${hash(conv.key, pos, 'b').toString('hex').slice(0, 40).toUpperCase()}_`;
    let ndr:
      | {
          sender: Person;
          recipient: string;
          status: string;
          diagnostic: string;
          reportingMta: string;
        }
      | undefined;
    let actualFrom = from;
    if (kindAtPos === 'bounce') {
      const failed = this.participants(
        user,
        conv,
        0,
        new Prng(mixSeed(conv.seed, 0), 8),
      ).to[0] as Person;
      const remoteDomain = failed.address.split('@')[1] ?? 'example.com';
      const reportingMta =
        bounceStyle === 0
          ? exchangeHost(rng)
          : `mx${rng.int(1, 3)}.${remoteDomain}`;
      const sender =
        bounceStyle === 0
          ? {
              name: 'Microsoft Outlook',
              address: `${EXCHANGE_NDR_SENDER}@${this.tenant.domain}`,
            }
          : bounceStyle === 1
            ? {
                name: 'Mail Delivery Subsystem',
                address: `MAILER-DAEMON@${reportingMta}`,
              }
            : {
                name: 'Mail Delivery System',
                address: `postmaster@${remoteDomain}`,
              };
      const status = rng.pick(['5.1.1', '5.1.10', '5.2.2', '5.4.1']);
      const diagnostic =
        status === '5.2.2'
          ? `smtp; 552 5.2.2 <${failed.address}>: mailbox full`
          : `smtp; 550 ${status} <${failed.address}>: Recipient address rejected: User unknown`;
      ndr = {
        sender,
        recipient: failed.address,
        status,
        diagnostic,
        reportingMta,
      };
      actualFrom = sender;
      truth.bounce = {
        recipient: failed.address,
        recipientIsProspect: Boolean(conv.bounceToProspect),
        status,
      };
      truth.counterpart = sender.address;
    }
    if (kindAtPos === 'auto-reply') truth.autoReply = true;
    if (kindAtPos === 'meeting') truth.meeting = true;

    const listId =
      kindAtPos === 'newsletter'
        ? NEWSLETTERS[conv.counterpart]?.[2]
        : undefined;
    if (listId) truth.listId = listId;
    const scl = kindAtPos === 'spam' ? rng.int(5, 9) : internalSender ? -1 : 1;
    if (!outbound && !internalSender) truth.spamConfidenceLevel = scl;

    const headers = this.headers({
      user,
      conv,
      pos,
      rng,
      outbound,
      internalSender,
      from: actualFrom,
      to,
      cc: kindAtPos === 'bounce' || kindAtPos === 'auto-reply' ? [] : cc,
      subject,
      sentMs,
      receivedMs: record.receivedMs,
      internetMessageId,
      references: kindAtPos === 'bounce' ? [] : prev,
      conversationIndex,
      kind: kindAtPos,
      boundary,
      scl,
      listId,
      originalMessageId: prev[prev.length - 1],
    });

    let bodyCache: MessageBody | undefined;
    const body = (): MessageBody => {
      bodyCache ??= this.body(user, conv, pos, kindAtPos, {
        from: actualFrom,
        to,
        subject,
        sentMs,
        ndr,
      });
      return bodyCache;
    };
    const mime = (): string =>
      this.mime(headers, boundary, kindAtPos, body(), ndr, {
        subject,
        sentMs,
        from: actualFrom,
        to,
      });

    return {
      odataType:
        kindAtPos === 'meeting'
          ? '#microsoft.graph.eventMessageRequest'
          : '#microsoft.graph.message',
      subject,
      from: actualFrom,
      sender: actualFrom,
      toRecipients: kindAtPos === 'bounce' ? [this.userPerson(user)] : to,
      ccRecipients:
        kindAtPos === 'bounce' || kindAtPos === 'auto-reply' ? [] : cc,
      bccRecipients: [],
      replyTo: [],
      internetMessageId,
      conversationId:
        'AAQkAG' +
        hash(this.tenant.seed, conv.key, 'conv')
          .toString('base64url')
          .slice(0, 54) +
        '=',
      conversationIndex,
      sentMs,
      importance: kindAtPos === 'spam' && rng.chance(0.5) ? 'high' : 'normal',
      hasAttachments: kindAtPos === 'prospect' && rng.chance(0.08),
      inferenceClassification:
        kindAtPos === 'prospect' ||
        kindAtPos === 'internal' ||
        kindAtPos === 'meeting'
          ? 'focused'
          : 'other',
      isDeliveryReceiptRequested: false,
      isReadReceiptRequested: false,
      headers,
      body,
      mime,
      truth,
    };
  }

  private headers(h: {
    user: SimUser;
    conv: ConversationSpec;
    pos: number;
    rng: Prng;
    outbound: boolean;
    internalSender: boolean;
    from: Person;
    to: Person[];
    cc: Person[];
    subject: string;
    sentMs: number;
    receivedMs: number;
    internetMessageId: string;
    references: string[];
    conversationIndex: string;
    kind: ConversationSpec['kind'];
    boundary: string;
    scl: number;
    listId: string | undefined;
    originalMessageId: string | undefined;
  }): HeaderField[] {
    const out: HeaderField[] = [];
    const add = (name: string, value: string) => out.push({ name, value });
    const rng = h.rng;
    const tenantId = this.tenant.tenantId;
    const senderDomain = h.from.address.split('@')[1] ?? 'example.com';
    const mailboxServer = exchangeHost(rng);
    const contentType =
      h.kind === 'bounce'
        ? `multipart/report; report-type=delivery-status; boundary="${h.boundary}"`
        : `multipart/alternative; boundary="${h.boundary}"`;

    if (!h.outbound) {
      // Received chain, newest first (RFC 5321 4.4): Exchange Online mailbox server,
      // the EOP frontend, then the sender's MTA (external) or the sender's mailbox server (internal).
      const frontend = `${rng.pick(['BN2NAM02', 'CO1NAM11', 'DM3NAM06', 'SN1NAM04'])}FT${rng.int(10, 99)}.eop-nam${rng.int(2, 12)}.prod.protection.outlook.com`;
      const edge = `${rng.pick(['BN9PR03CA', 'MW4PR04CA', 'CH2PR07CA'])}0${rng.int(100, 999)}.namprd0${rng.int(3, 7)}.prod.outlook.com`;
      const date = (offset: number) =>
        rfc5322Date(h.receivedMs - offset * 1000);
      const tls =
        'with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)';
      add(
        'Received',
        `from ${edge} (2603:10b6:408:${rng.hex(3)}::${rng.hex(2)}) by ${mailboxServer} (2603:10b6:5:${rng.hex(3)}::${rng.hex(2)}) ${tls} id 15.20.${rng.int(7000, 8999)}.${rng.int(10, 40)}; ${date(0)}`,
      );
      add(
        'Received',
        `from ${frontend} (2603:10b6:408:${rng.hex(3)}:cafe::${rng.hex(2)}) by ${edge} (2603:10b6:408:${rng.hex(3)}::${rng.hex(2)}) ${tls} id 15.20.${rng.int(7000, 8999)}.${rng.int(10, 40)} via Frontend Transport; ${date(1)}`,
      );
      if (!h.internalSender) {
        const ip = ipv4(rng);
        const mta = `mail-${rng.pick(['eastus', 'westeu', 'out'])}${rng.int(1, 9)}.${senderDomain}`;
        const spfPass = h.kind !== 'spam' || rng.chance(0.3);
        add(
          'Authentication-Results',
          `spf=${spfPass ? 'pass' : 'softfail'} (sender IP is ${ip}) smtp.mailfrom=${senderDomain}; dkim=${spfPass ? 'pass (signature was verified)' : 'none (message not signed)'} header.d=${senderDomain};dmarc=${spfPass ? 'pass action=none' : 'fail action=quarantine'} header.from=${senderDomain};compauth=${spfPass ? 'pass reason=100' : 'fail reason=001'}`,
        );
        add(
          'Received-SPF',
          `${spfPass ? 'Pass' : 'SoftFail'} (protection.outlook.com: domain of ${senderDomain} ${spfPass ? 'designates' : 'does not designate'} ${ip} as permitted sender) receiver=protection.outlook.com; client-ip=${ip}; helo=${mta}; pr=C`,
        );
        add(
          'Received',
          `from ${mta} (${ip}) by ${frontend.replace('eop-nam', 'mail.protection.outlook.com-').split('.mail')[0]}.mail.protection.outlook.com (10.13.${rng.int(1, 250)}.${rng.int(1, 250)}) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.${rng.int(7000, 8999)}.${rng.int(10, 40)} via Frontend Transport; ${date(3)}`,
        );
        if (h.kind !== 'bounce')
          add(
            'Received',
            `from localhost (localhost [127.0.0.1]) by ${mta} (Postfix) with ESMTP id ${rng.hex(10).toUpperCase()}; ${date(5)}`,
          );
        // ARC (RFC 8617): Exchange Online seals what it authenticated on inbound.
        add(
          'ARC-Seal',
          `i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none; b=${fakeSignature(rng, 256)}`,
        );
        add(
          'ARC-Message-Signature',
          `i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=arcselector10001; h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-AntiSpam-MessageData-ChunkCount:X-MS-Exchange-AntiSpam-MessageData-0:X-MS-Exchange-AntiSpam-MessageData-1; bh=${fakeSignature(rng, 32)}; b=${fakeSignature(rng, 256)}`,
        );
        add(
          'ARC-Authentication-Results',
          `i=1; mx.microsoft.com 1; spf=${spfPass ? 'pass' : 'softfail'} smtp.mailfrom=${senderDomain}; dmarc=${spfPass ? 'pass' : 'fail'} action=none header.from=${senderDomain}; dkim=${spfPass ? 'pass' : 'none'} header.d=${senderDomain}; arc=none`,
        );
        if (spfPass) {
          // RFC 6376 3.5 signature header field.
          add(
            'DKIM-Signature',
            `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${senderDomain}; s=selector${rng.int(1, 2)}; t=${Math.floor(h.sentMs / 1000)}; h=From:To:Subject:Date:Message-ID:MIME-Version:Content-Type; bh=${fakeSignature(rng, 32)}; b=${fakeSignature(rng, 256)}`,
          );
        }
      } else {
        add(
          'Received',
          `from ${exchangeHost(rng)} ([fe80::${rng.hex(4)}:${rng.hex(4)}]) by ${exchangeHost(rng)} ([fe80::${rng.hex(4)}]) with mapi id 15.20.${rng.int(7000, 8999)}.${rng.int(10, 40)}; ${date(2)}`,
        );
      }
    }
    add('From', formatAddressList([h.from]));
    add(
      'To',
      formatAddressList(h.kind === 'bounce' ? [this.userPerson(h.user)] : h.to),
    );
    if (h.cc.length) add('CC', formatAddressList(h.cc));
    add('Subject', h.subject);
    add(
      'Thread-Topic',
      h.subject.replace(/^(RE|FW|Automatic reply|Undeliverable): /i, ''),
    );
    add('Thread-Index', h.conversationIndex);
    add('Date', rfc5322Date(h.sentMs));
    add('Message-ID', h.internetMessageId);
    if (h.references.length) {
      add('References', h.references.join(' '));
      add('In-Reply-To', h.references[h.references.length - 1] as string);
    }
    if (h.kind === 'auto-reply') {
      // Exchange's Automatic Replies (OOF): RFC 3834 Auto-Submitted plus its own markers.
      add('Auto-Submitted', 'auto-replied');
      add('X-Auto-Response-Suppress', 'All');
      add('X-MS-Exchange-Inbox-Rules-Loop', h.from.address);
      if (h.originalMessageId)
        add('X-MS-Exchange-Parent-Message-Id', h.originalMessageId);
      add('X-MS-Exchange-Generated-Message-Source', 'Mailbox Rules Agent');
      add('X-MS-Exchange-MessageSentRepresentingType', '1');
    }
    if (h.kind === 'bounce') {
      add('Auto-Submitted', 'auto-replied');
      add('X-MS-Exchange-Message-Is-Ndr', '');
      add(
        'X-MS-Exchange-Generated-Message-Source',
        'Sender Notification Agent',
      );
      if (h.originalMessageId)
        add('X-MS-Exchange-Parent-Message-Id', h.originalMessageId);
    }
    if (h.kind === 'newsletter' || h.kind === 'notification') {
      const unsubscribeHost = senderDomain;
      if (h.listId)
        add(
          'List-Id',
          h.listId.startsWith('<')
            ? `${h.conv.kind === 'newsletter' ? '' : ''}${h.listId}`
            : `<${h.listId}>`,
        );
      // RFC 2369 List-Unsubscribe and RFC 8058 one-click.
      add(
        'List-Unsubscribe',
        `<https://${unsubscribeHost}/unsubscribe?u=${rng.hex(24)}>, <mailto:unsubscribe-${rng.hex(12)}@${unsubscribeHost}>`,
      );
      add('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click');
      add('Precedence', 'bulk');
      if (h.kind === 'notification') add('Auto-Submitted', 'auto-generated');
      add('Feedback-ID', `${rng.int(100, 999)}:${rng.hex(8)}:${senderDomain}`);
    }
    add('Accept-Language', 'en-US');
    add('Content-Language', 'en-US');
    add('X-MS-Has-Attach', '');
    add('X-MS-TNEF-Correlator', '');
    if (!h.outbound) {
      add('X-MS-Exchange-Organization-SCL', String(h.scl));
      add(
        'X-MS-Exchange-Organization-AuthAs',
        h.internalSender ? 'Internal' : 'Anonymous',
      );
      add('X-MS-Exchange-Organization-AuthSource', mailboxServer);
      add(
        'X-MS-Exchange-Organization-MessageDirectionality',
        h.internalSender ? 'Originating' : 'Incoming',
      );
      add('X-MS-Exchange-CrossTenant-Network-Message-Id', rng.guid());
      add('X-MS-Exchange-CrossTenant-Id', tenantId);
      add(
        'X-MS-Exchange-CrossTenant-OriginalArrivalTime',
        `${rfc5322Date(h.receivedMs - 3000).slice(5)}`,
      );
      if (!h.internalSender) {
        const spam = h.kind === 'spam';
        // X-Forefront-Antispam-Report fields per learn.microsoft.com "Anti-spam message headers".
        add(
          'X-Forefront-Antispam-Report',
          `CIP:${ipv4(rng)};CTRY:${rng.pick(['US', 'GB', 'DE', 'NL'])};LANG:en;SCL:${h.scl};SRV:${h.kind === 'newsletter' ? 'BULK' : ''};IPV:${spam ? 'CAL' : 'NLI'};SFV:${spam ? 'SPM' : 'NSPM'};H:${senderDomain};PTR:${senderDomain};CAT:${spam ? 'SPM' : h.kind === 'newsletter' ? 'BULK' : 'NONE'};SFS:(13230040)(376014)(1800799024)(${rng.int(8000000, 8999999)}${rng.int(100, 999)});DIR:INB;`,
        );
        add(
          'X-Microsoft-Antispam',
          `BCL:${h.kind === 'newsletter' ? rng.int(4, 7) : 0};ARA:13230040|376014|1800799024;`,
        );
        add(
          'X-MS-Exchange-Organization-Antispam-Report',
          `SFV:${spam ? 'SPM' : 'NSPM'};SFS:(13230040)(376014);DIR:INB;SFP:${spam ? '1501' : '1102'};SCL:${h.scl};SRVR:${mailboxServer.split('.')[0]};`,
        );
      }
    }
    add('MIME-Version', '1.0');
    add('Content-Type', contentType);
    return out;
  }

  private body(
    user: SimUser,
    conv: ConversationSpec,
    pos: number,
    kind: ConversationSpec['kind'],
    m: {
      from: Person;
      to: Person[];
      subject: string;
      sentMs: number;
      ndr:
        | {
            recipient: string;
            status: string;
            diagnostic: string;
            reportingMta: string;
          }
        | undefined;
    },
  ): MessageBody {
    const rng = new Prng(mixSeed(conv.seed, pos), 12);
    if (kind === 'bounce' && m.ndr) {
      const text =
        `Your message to ${m.ndr.recipient} couldn't be delivered.\r\n\r\n` +
        `${m.ndr.recipient.split('@')[0]} wasn't found at ${m.ndr.recipient.split('@')[1]}.\r\n\r\n` +
        `Diagnostic information for administrators:\r\nGenerating server: ${m.ndr.reportingMta}\r\n` +
        `${m.ndr.recipient}\r\nRemote Server returned '${m.ndr.diagnostic.replace(/^smtp; /, '')}'\r\n`;
      const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${text
        .split('\r\n')
        .map((l) => `<p>${htmlEscape(l)}</p>`)
        .join('')}</body></html>`;
      return { html, text, uniqueHtml: html, uniqueText: text };
    }
    if (kind === 'auto-reply') {
      const back = new Date(m.sentMs + rng.int(2, 14) * 86400_000)
        .toISOString()
        .slice(0, 10);
      const text = `Thank you for your message. I am out of the office until ${back} with limited access to email. For urgent matters please contact my colleague.\r\n\r\n${m.from.name}`;
      const html = outlookHtml([text]);
      return { html, text, uniqueHtml: html, uniqueText: text };
    }
    if (kind === 'newsletter') {
      const html = newsletterHtml(
        rng,
        m.subject,
        bodyTarget(rng, 0.15, 25_000),
      );
      const text = html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      return { html, text, uniqueHtml: html, uniqueText: text };
    }
    const target = bodyTarget(
      rng,
      kind === 'notification' || kind === 'spam' ? 0.005 : 0.03,
      kind === 'notification' ? 1800 : 2500,
    );
    const greeting = `Hi ${m.to[0]?.name.split(' ')[0] ?? 'there'},`;
    const sign = `Best regards,\r\n${m.from.name}`;
    const paras = [greeting, ...paragraphs(rng, target, SENTENCES), sign];
    if (kind === 'meeting')
      paras.splice(
        1,
        0,
        `Meeting: ${m.subject}. When: ${new Date(m.sentMs + 3 * 86400_000).toUTCString()}. Where: Microsoft Teams meeting.`,
      );
    if (
      kind === 'prospect' &&
      m.from.address.endsWith('@' + this.tenant.domain)
    ) {
      const title = new Prng(conv.seed, 13).pick(PROSPECT_TITLES);
      paras.splice(
        paras.length - 1,
        0,
        `P.S. Happy to loop in your ${title} if useful.`,
      );
    }
    const uniqueText = paras.join('\r\n\r\n');
    const uniqueHtml = outlookHtml(paras);
    if (pos === 0)
      return { html: uniqueHtml, text: uniqueText, uniqueHtml, uniqueText };
    // Replies quote the previous message below an Outlook separator (the part uniqueBody leaves out).
    const prevFrom = this.participants(
      user,
      conv,
      pos - 1,
      new Prng(mixSeed(conv.seed, pos - 1), 8),
    ).from;
    const quotedHead = `From: ${formatAddress(prevFrom)}\r\nSent: ${new Date(conv.times[pos - 1] ?? m.sentMs).toUTCString()}\r\nTo: ${formatAddress(m.from)}\r\nSubject: ${m.subject.replace(/^RE: /, '')}`;
    const quotedBody = paragraphs(
      new Prng(mixSeed(conv.seed, pos - 1), 12),
      Math.min(4000, target),
      SENTENCES,
    ).join('\r\n\r\n');
    const text = `${uniqueText}\r\n\r\n________________________________\r\n${quotedHead}\r\n\r\n${quotedBody}`;
    const quotedHtml = `<hr style="display:inline-block;width:98%" tabindex="-1">\r\n<div id="divRplyFwdMsg" dir="ltr">${htmlEscape(quotedHead).replace(/\r\n/g, '<br>')}</div>\r\n<div>${htmlEscape(quotedBody).replace(/\r\n/g, '<br>')}</div>\r\n`;
    return {
      html: outlookHtml(paras, quotedHtml),
      text,
      uniqueHtml,
      uniqueText,
    };
  }

  private mime(
    headers: HeaderField[],
    boundary: string,
    kind: ConversationSpec['kind'],
    body: MessageBody,
    ndr:
      | {
          recipient: string;
          status: string;
          diagnostic: string;
          reportingMta: string;
        }
      | undefined,
    m: { subject: string; sentMs: number; from: Person; to: Person[] },
  ): string {
    const parts: MimePart[] = [
      {
        contentType: 'text/plain; charset="utf-8"',
        transferEncoding: 'quoted-printable',
        content: body.text,
      },
      {
        contentType: 'text/html; charset="utf-8"',
        transferEncoding: 'quoted-printable',
        content: body.html,
      },
    ];
    if (kind === 'bounce' && ndr) {
      // RFC 3464 delivery status notification.
      parts.splice(1, 1, {
        contentType: 'message/delivery-status',
        content: `Reporting-MTA: dns;${ndr.reportingMta}\r\nArrival-Date: ${rfc5322Date(m.sentMs)}\r\n\r\nFinal-Recipient: rfc822;${ndr.recipient}\r\nAction: failed\r\nStatus: ${ndr.status}\r\nDiagnostic-Code: ${ndr.diagnostic}\r\n`,
      });
      parts.push({
        contentType: 'text/rfc822-headers',
        content: `From: ${formatAddress(m.to[0] ?? m.from)}\r\nTo: ${ndr.recipient}\r\nSubject: ${m.subject}\r\n`,
      });
    }
    if (kind === 'meeting') {
      const start = new Date(m.sentMs + 3 * 86400_000);
      const fmt = (d: Date) =>
        d.toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
      // RFC 5545 VEVENT in an iTIP REQUEST (RFC 5546).
      const ics = [
        'BEGIN:VCALENDAR',
        'METHOD:REQUEST',
        'PRODID:Microsoft Exchange Server 2010',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        `ORGANIZER;CN=${m.from.name}:mailto:${m.from.address}`,
        `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=${m.to[0]?.name ?? ''}:mailto:${m.to[0]?.address ?? ''}`,
        `SUMMARY;LANGUAGE=en-US:${m.subject}`,
        `DTSTART:${fmt(start)}`,
        `DTEND:${fmt(new Date(start.getTime() + 1800_000))}`,
        `UID:${hash('uid', m.subject, m.sentMs).toString('hex').toUpperCase()}`,
        `DTSTAMP:${fmt(new Date(m.sentMs))}`,
        'LOCATION;LANGUAGE=en-US:Microsoft Teams Meeting',
        'STATUS:CONFIRMED',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      parts.push({
        contentType: 'text/calendar; charset="utf-8"; method=REQUEST',
        transferEncoding: 'base64',
        content: ics,
      });
    }
    return buildMime(headers, boundary, parts);
  }
}

export function previewOf(body: MessageBody): string {
  return bodyPreview(body.text);
}
