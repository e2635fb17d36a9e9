// Deterministic generator of realistic Microsoft Graph messages for the
// classifier benchmark: Exchange Online-style header lists (transport,
// authentication, anti-spam stamps) of about 25 fields and 4–5 KB of JSON,
// in a mailbox-like mix of human mail, lists, newsletters, auto-replies,
// bounces, invitations and spam.
import type {
  GraphInternetMessageHeader,
  GraphMessageHeaders,
} from '@headersync/header-classifier';

/** Mulberry32: a small, fast, seedable PRNG (same seed, same messages). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The share of each message type in a sales mailbox (sums to 1). */
export const MESSAGE_MIX = [
  ['human', 0.5],
  ['bulk-list', 0.1],
  ['bulk-esp', 0.14],
  ['auto-reply', 0.08],
  ['bounce', 0.07],
  ['calendar', 0.05],
  ['spam', 0.06],
] as const;
export type GeneratedType = (typeof MESSAGE_MIX)[number][0];

const FIRST = [
  'jane',
  'sam',
  'lee',
  'kim',
  'pat',
  'alex',
  'maria',
  'chen',
  'olga',
  'ravi',
  'noah',
  'emma',
];
const LAST = [
  'doe',
  'roe',
  'park',
  'smith',
  'garcia',
  'müller',
  'rossi',
  'tanaka',
  'novak',
  'singh',
];
const COMPANIES = [
  'fabrikam',
  'northwind',
  'tailspin',
  'wingtip',
  'adventure-works',
  'contoso-partners',
  'litware',
  'proseware',
];
const TLDS = ['com', 'example', 'co.uk', 'de', 'io'];
const TOPICS = [
  'Proposal for Q3',
  'Pricing question',
  'Follow-up on our call',
  'Contract draft v2',
  'Demo next week',
  'Intro: data platform',
  'Renewal terms',
  'Security questionnaire',
];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function token(random: () => number, length: number): string {
  const alphabet =
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++)
    out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function person(random: () => number): { name: string; address: string } {
  const first = pick(random, FIRST);
  const last = pick(random, LAST);
  const domain = `${pick(random, COMPANIES)}.${pick(random, TLDS)}`;
  return {
    name: `${first[0]?.toUpperCase()}${first.slice(1)} ${last}`,
    address: `${first}.${last}@${domain}`.replace('ü', 'u'),
  };
}

function typeOf(random: () => number): GeneratedType {
  let roll = random();
  for (const [type, share] of MESSAGE_MIX) {
    roll -= share;
    if (roll < 0) return type;
  }
  return 'human';
}

const OWNER = { name: 'Owner Seller', address: 'owner@contoso.com' };

function transportHeaders(
  random: () => number,
  date: string,
  fromDomain: string,
): GraphInternetMessageHeader[] {
  const hop = () =>
    `${token(random, 6)}.eurprd0${Math.floor(random() * 9)}.prod.outlook.com`;
  const id = () =>
    `15.20.${Math.floor(random() * 9000)}.${Math.floor(random() * 99)}`;
  return [
    {
      name: 'Received',
      value: `from ${hop()} (2603:10a6:20b:${token(random, 3)}::${token(random, 2)}) by ${hop()} with HTTPS; ${date}`,
    },
    {
      name: 'Received',
      value: `from ${hop()} (2603:10a6:20b:${token(random, 3)}::1) by ${hop()} (2603:10a6:20b:${token(random, 3)}::2) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id ${id()}; ${date}`,
    },
    {
      name: 'Received',
      value: `from mail-${token(random, 4)}.${fromDomain} (192.0.2.${Math.floor(random() * 250)}) by ${hop()} (10.167.${Math.floor(random() * 250)}.1) with Microsoft SMTP Server id ${id()} via Frontend Transport; ${date}`,
    },
    {
      name: 'Authentication-Results',
      value: `spf=pass (sender IP is 192.0.2.${Math.floor(random() * 250)}) smtp.mailfrom=${fromDomain}; dkim=pass (signature was verified) header.d=${fromDomain};dmarc=pass action=none header.from=${fromDomain};compauth=pass reason=100`,
    },
    {
      name: 'Received-SPF',
      value: `Pass (protection.outlook.com: domain of ${fromDomain} designates 192.0.2.1 as permitted sender) receiver=protection.outlook.com; client-ip=192.0.2.1; helo=mail.${fromDomain}; pr=C`,
    },
    {
      name: 'DKIM-Signature',
      value: `v=1; a=rsa-sha256; c=relaxed/relaxed; d=${fromDomain}; s=selector1; h=From:Date:Subject:Message-ID:Content-Type:MIME-Version:X-MS-Exchange-SenderADCheck; bh=${token(random, 44)}=; b=${token(random, 340)}`,
    },
    {
      name: 'ARC-Authentication-Results',
      value: `i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=${fromDomain}; dmarc=pass action=none header.from=${fromDomain}; dkim=pass header.d=${fromDomain}; arc=none`,
    },
    {
      name: 'X-MS-Exchange-Organization-Network-Message-Id',
      value: `${token(random, 8)}-${token(random, 4)}-${token(random, 4)}-${token(random, 4)}-${token(random, 12)}`,
    },
    { name: 'X-MS-PublicTrafficType', value: 'Email' },
    {
      name: 'X-MS-TrafficTypeDiagnostic',
      value: `${token(random, 12)}:EE_|${token(random, 12)}:EE_`,
    },
    {
      name: 'X-Microsoft-Antispam',
      value: `BCL:${Math.floor(random() * 3)};ARA:13230040|1800799024|366016|${Math.floor(random() * 999999)};`,
    },
    { name: 'X-Microsoft-Antispam-Message-Info', value: token(random, 600) },
    { name: 'X-MS-Exchange-CrossTenant-OriginalArrivalTime', value: date },
    {
      name: 'X-MS-Exchange-CrossTenant-Id',
      value: `${token(random, 8)}-${token(random, 4)}-${token(random, 4)}-${token(random, 4)}-${token(random, 12)}`,
    },
    { name: 'X-MS-Exchange-Transport-CrossTenantHeadersStamped', value: hop() },
  ];
}

function recipient(who: { name: string; address: string }) {
  return { emailAddress: { name: who.name, address: who.address } };
}

/** One generated message and the type it was generated as. */
export interface GeneratedMessage {
  type: GeneratedType;
  message: GraphMessageHeaders & { id: string };
}

/** Generates one realistic Graph message. */
export function generateMessage(random: () => number): GeneratedMessage {
  const type = typeOf(random);
  const day = 1 + Math.floor(random() * 28);
  const iso = `2026-01-${String(day).padStart(2, '0')}T${String(Math.floor(random() * 24)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00Z`;
  const date = `Mon, ${day} Jan 2026 10:${String(Math.floor(random() * 60)).padStart(2, '0')}:00 +0000`;
  let from = person(random);
  let subject = `RE: ${pick(random, TOPICS)}`;
  const specific: GraphInternetMessageHeader[] = [];
  const fromDomain = () => from.address.slice(from.address.indexOf('@') + 1);
  switch (type) {
    case 'human':
      specific.push(
        { name: 'X-Auto-Response-Suppress', value: 'All' },
        { name: 'In-Reply-To', value: `<${token(random, 24)}@contoso.com>` },
      );
      break;
    case 'bulk-list':
      subject = `[sales-ops] ${pick(random, TOPICS)}`;
      specific.push(
        { name: 'List-Id', value: '<sales-ops.lists.example.org>' },
        {
          name: 'List-Unsubscribe',
          value:
            '<mailto:sales-ops-request@lists.example.org?subject=unsubscribe>',
        },
        { name: 'Precedence', value: 'list' },
      );
      break;
    case 'bulk-esp':
      from = {
        name: 'Fabrikam Newsletter',
        address: `news@${pick(random, COMPANIES)}.com`,
      };
      subject = 'Your January product update';
      specific.push(
        { name: 'X-SG-EID', value: token(random, 60) },
        { name: 'Feedback-ID', value: `${Math.floor(random() * 99999)}:SG` },
        {
          name: 'List-Unsubscribe',
          value: `<https://u${Math.floor(random() * 999)}.ct.sendgrid.net/unsubscribe?u=${token(random, 40)}>`,
        },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      );
      break;
    case 'auto-reply':
      subject = `Automatic reply: ${pick(random, TOPICS)}`;
      specific.push(
        { name: 'Auto-Submitted', value: 'auto-generated' },
        { name: 'X-MS-Exchange-Inbox-Rules-Loop', value: from.address },
      );
      break;
    case 'bounce':
      from = {
        name: 'Microsoft Outlook',
        address:
          'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com',
      };
      subject = `Undeliverable: ${pick(random, TOPICS)}`;
      specific.push(
        { name: 'X-MS-Exchange-Message-Is-Ndr', value: '' },
        {
          name: 'Content-Type',
          value:
            'multipart/report; report-type=delivery-status; boundary="b1_ndr"',
        },
        { name: 'Auto-Submitted', value: 'auto-replied' },
      );
      break;
    case 'calendar':
      subject = `Accepted: ${pick(random, TOPICS)}`;
      specific.push({
        name: 'Content-Class',
        value: 'urn:content-classes:calendarmessage',
      });
      break;
    case 'spam':
      subject = 'You have won a prize';
      specific.push({ name: 'X-MS-Exchange-Organization-SCL', value: '6' });
      break;
  }
  const headers: GraphInternetMessageHeader[] = [
    ...transportHeaders(random, date, fromDomain()),
    { name: 'From', value: `${from.name} <${from.address}>` },
    { name: 'To', value: `${OWNER.name} <${OWNER.address}>` },
    { name: 'Subject', value: subject },
    { name: 'Date', value: date },
    { name: 'Message-ID', value: `<${token(random, 32)}@${fromDomain()}>` },
    { name: 'Thread-Topic', value: subject.replace(/^[^:]*: /, '') },
    { name: 'Thread-Index', value: token(random, 40) },
    ...specific,
  ];
  if (!specific.some((h) => h.name === 'Content-Type')) {
    headers.push({
      name: 'Content-Type',
      value:
        'multipart/alternative; boundary="_000_' + token(random, 20) + '_"',
    });
  }
  headers.push({ name: 'MIME-Version', value: '1.0' });
  const cc = random() < 0.3 ? [recipient(person(random))] : [];
  return {
    type,
    message: {
      id: `AAMkAD${token(random, 140)}`,
      internetMessageHeaders: headers,
      from: recipient(from),
      sender: recipient(from),
      toRecipients: [recipient(OWNER)],
      ccRecipients: cc,
      bccRecipients: [],
      replyTo: [],
      subject,
      sentDateTime: iso,
      receivedDateTime: iso,
      isDraft: false,
      importance: 'normal',
      inferenceClassification: type === 'human' ? 'focused' : 'other',
      internetMessageId: `<${token(random, 32)}@${fromDomain()}>`,
      conversationId: `AAQkAD${token(random, 60)}=`,
    },
  };
}

/** The message's headers as an RFC 5322 header block (folded at 78 characters), for the raw parser. */
export function toRawHeaderBlock(message: GraphMessageHeaders): string {
  let out = '';
  for (const { name, value } of message.internetMessageHeaders ?? []) {
    let line = `${name}: ${value}`;
    while (line.length > 78) {
      const cut = line.lastIndexOf(' ', 78);
      if (cut <= name.length + 1) break;
      out += `${line.slice(0, cut)}\r\n`;
      line = `\t${line.slice(cut + 1)}`;
    }
    out += `${line}\r\n`;
  }
  return `${out}\r\n`;
}
