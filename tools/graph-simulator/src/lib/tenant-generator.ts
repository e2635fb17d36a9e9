import {
  COMPANIES,
  DOMAIN_VARIANTS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  NEWSLETTERS,
  NOTIFIERS,
  SPAM_DOMAINS,
  VENDORS,
} from './generator-data.constants.js';
import { hashBytes, mixSeed, Prng } from './prng.util.js';
import type {
  FolderName,
  FolderState,
  MessageRecord,
  Prospect,
  SimUser,
} from './tenant.types.js';

export type ConversationKind =
  | 'prospect'
  | 'internal'
  | 'external'
  | 'newsletter'
  | 'notification'
  | 'auto-reply'
  | 'bounce'
  | 'meeting'
  | 'spam';

/** A generated thread: enough to re-render every message of it from the seed. */
export interface ConversationSpec {
  kind: ConversationKind;
  key: string;
  seed: number;
  /** Send time of each position (ms since epoch). */
  times: number[];
  /** Index into the tenant's prospects, users, newsletters, notifiers, vendors or spam domains. */
  counterpart: number;
  /** Whether the mailbox owner wrote position 0. */
  userStarts: boolean;
  /** For bounces: whether the failed recipient is a prospect. */
  bounceToProspect?: boolean;
}

export interface ProspectAccount {
  company: string;
  domain: string;
  contacts: number[];
}

export interface GeneratedTenant {
  seed: number;
  tenantId: string;
  orgName: string;
  domain: string;
  anchorMs: number;
  users: SimUser[];
  accounts: ProspectAccount[];
  prospects: Prospect[];
  conversations: ConversationSpec[][];
}

export interface GeneratorOptions {
  seed: number;
  mailboxes: number;
  messages: number;
  /** Newest mail is received before this instant; defaults to now. */
  anchorMs?: number;
  /** How far back generated mail reaches. */
  days?: number;
}

const CONVERSATION_WEIGHTS: Record<ConversationKind, number> = {
  prospect: 34,
  internal: 14,
  external: 5,
  newsletter: 13,
  notification: 14,
  'auto-reply': 4,
  bounce: 3,
  meeting: 5,
  spam: 8,
};

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Graph-shaped opaque ids: base64url of a hash, with the prefixes Exchange ids carry. */
export function opaqueId(
  prefix: string,
  length: number,
  ...parts: (string | number)[]
): string {
  // 64 hash bits plus the counter-free stream keep ids unique across 10^5+ messages.
  return `${prefix}${hashBytes(Math.ceil((length * 3) / 4), ...parts)
    .toString('base64url')
    .slice(0, length)}AAA=`;
}

function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase();
}

function conversationSize(rng: Prng, kind: ConversationKind): number {
  switch (kind) {
    case 'prospect':
      // Most sales threads are short; a few run long (geometric tail).
      return Math.min(12, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.8));
    case 'internal':
      return rng.int(1, 5);
    case 'external':
      return rng.int(1, 3);
    case 'auto-reply':
    case 'bounce':
      return 2;
    case 'newsletter':
    case 'notification':
    case 'meeting':
    case 'spam':
      return 1;
  }
}

export function generateTenant(options: GeneratorOptions): GeneratedTenant {
  const seed = options.seed >>> 0;
  const anchorMs = options.anchorMs ?? Date.now();
  const days = options.days ?? 120;
  const root = new Prng(seed, 1);
  const tenantId = root.guid();
  const orgName = 'Contoso';
  const domain = 'contoso.com';

  // Prospect accounts: brand x regional variant, as many as the tenant needs.
  const accountCount = Math.max(
    12,
    Math.min(COMPANIES.length * DOMAIN_VARIANTS.length, options.mailboxes * 3),
  );
  const accounts: ProspectAccount[] = [];
  const prospects: Prospect[] = [];
  const prospectRng = new Prng(seed, 2);
  for (let a = 0; a < accountCount; a++) {
    const [company, baseDomain] = COMPANIES[a % COMPANIES.length] as readonly [
      string,
      string,
    ];
    const variant =
      DOMAIN_VARIANTS[
        Math.floor(a / COMPANIES.length) % DOMAIN_VARIANTS.length
      ] ?? '';
    const accountDomain = variant
      ? baseDomain.replace(/\.(\w+)$/, `${variant}.$1`)
      : baseDomain;
    const account: ProspectAccount = {
      company,
      domain: accountDomain,
      contacts: [],
    };
    const n = prospectRng.int(2, 6);
    const used = new Set<string>();
    for (let c = 0; c < n; c++) {
      const first = prospectRng.pick(FIRST_NAMES);
      const last = prospectRng.pick(LAST_NAMES);
      let local = prospectRng.chance(0.6)
        ? `${asciiFold(first)}.${asciiFold(last)}`
        : `${asciiFold(first)[0]}${asciiFold(last)}`;
      while (used.has(local)) local += prospectRng.int(1, 9);
      used.add(local);
      account.contacts.push(prospects.length);
      prospects.push({
        email: `${local}@${accountDomain}`,
        name: `${first} ${last}`,
        accountDomain,
        company,
      });
    }
    accounts.push(account);
  }

  const users: SimUser[] = [];
  const usedUpn = new Set<string>();
  const userRng = new Prng(seed, 3);
  for (let i = 0; i < options.mailboxes; i++) {
    const givenName = userRng.pick(FIRST_NAMES);
    const surname = userRng.pick(LAST_NAMES);
    let local = `${asciiFold(givenName)}.${asciiFold(surname)}`;
    if (usedUpn.has(local)) local += String(i);
    usedUpn.add(local);
    const id = userRng.guid();
    const folder = (name: FolderName, displayName: string): FolderState => ({
      name,
      displayName,
      id: opaqueId('AQMkA', 96, seed, 'folder', id, name),
      records: [],
    });
    const territory: number[] = [];
    const territorySize = Math.min(accounts.length, 6 + userRng.int(0, 6));
    while (territory.length < territorySize) {
      const a = userRng.int(0, accounts.length - 1);
      if (!territory.includes(a)) territory.push(a);
    }
    users.push({
      index: i,
      id,
      userPrincipalName: `${local}@${domain}`,
      mail: `${local}@${domain}`,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      jobTitle: userRng.pick(JOB_TITLES),
      disabled: false,
      deleted: false,
      folders: {
        inbox: folder('inbox', 'Inbox'),
        sentitems: folder('sentitems', 'Sent Items'),
      },
      byId: new Map(),
      seq: 0,
      deltaEpoch: 0,
      territory,
    });
  }

  const conversations: ConversationSpec[][] = users.map((user) =>
    generateMailbox(
      user,
      users,
      accounts,
      options.messages,
      seed,
      anchorMs,
      days,
    ),
  );
  return {
    seed,
    tenantId,
    orgName,
    domain,
    anchorMs,
    users,
    accounts,
    prospects,
    conversations,
  };
}

function generateMailbox(
  user: SimUser,
  users: readonly SimUser[],
  accounts: readonly ProspectAccount[],
  target: number,
  seed: number,
  anchorMs: number,
  days: number,
): ConversationSpec[] {
  const rng = new Prng(mixSeed(seed, 1000 + user.index), 4);
  const convs: ConversationSpec[] = [];
  const pending: {
    conv: number;
    pos: number;
    folder: FolderName;
    ms: number;
  }[] = [];
  while (pending.length < target) {
    let kind = rng.weighted(CONVERSATION_WEIGHTS);
    if (kind === 'internal' && users.length < 2) kind = 'prospect';
    const size = Math.min(conversationSize(rng, kind), target - pending.length);
    if ((kind === 'auto-reply' || kind === 'bounce') && size < 2)
      kind = 'prospect';
    const times: number[] = [];
    let t = anchorMs - rng.next() * days * DAY;
    for (let p = 0; p < size; p++) {
      times.push(t);
      t += 10 * 60 * 1000 + rng.next() * rng.next() * 3 * DAY;
    }
    if (kind === 'auto-reply' || kind === 'bounce')
      times[1] = (times[0] as number) + rng.int(3, 90) * 1000;
    // Threads that would run past the anchor are shifted back so that all mail is in the past.
    const overshoot =
      (times[times.length - 1] as number) - (anchorMs - 60 * 1000);
    if (overshoot > 0)
      for (let p = 0; p < times.length; p++)
        times[p] = (times[p] as number) - overshoot;

    const territoryAccount = accounts[
      user.territory[rng.int(0, user.territory.length - 1)] as number
    ] as ProspectAccount;
    let counterpart: number;
    switch (kind) {
      case 'prospect':
      case 'auto-reply':
      case 'bounce':
      case 'meeting':
        counterpart = rng.pick(territoryAccount.contacts);
        break;
      case 'internal': {
        counterpart = rng.int(0, users.length - 2);
        if (counterpart >= user.index) counterpart++;
        break;
      }
      case 'external':
        counterpart = rng.int(0, VENDORS.length - 1);
        break;
      case 'newsletter':
        counterpart = rng.int(0, NEWSLETTERS.length - 1);
        break;
      case 'notification':
        counterpart = rng.int(0, NOTIFIERS.length - 1);
        break;
      case 'spam':
        counterpart = rng.int(0, SPAM_DOMAINS.length - 1);
        break;
    }
    const userStarts =
      kind === 'auto-reply' || kind === 'bounce'
        ? true
        : kind === 'prospect'
          ? rng.chance(0.6)
          : kind === 'internal' || kind === 'external'
            ? rng.chance(0.4)
            : false;
    const spec: ConversationSpec = {
      kind,
      key: `u${user.index}-c${convs.length}`,
      seed: rng.nextUint32(),
      times,
      counterpart,
      userStarts,
      ...(kind === 'bounce' ? { bounceToProspect: rng.chance(0.5) } : {}),
    };
    const convIndex = convs.length;
    convs.push(spec);
    for (let p = 0; p < size; p++) {
      const outbound = (p % 2 === 0) === userStarts;
      // Delivery to the recipient's mailbox takes a few seconds after the send time.
      const ms = (times[p] as number) + (outbound ? 0 : rng.int(2, 40) * 1000);
      pending.push({
        conv: convIndex,
        pos: p,
        folder: outbound ? 'sentitems' : 'inbox',
        ms,
      });
    }
  }
  pending.sort((a, b) => a.ms - b.ms);
  const readRng = new Prng(mixSeed(seed, 2000 + user.index), 5);
  pending.forEach((m, ord) => {
    const ageDays = (anchorMs - m.ms) / DAY;
    const record: MessageRecord = {
      ord,
      id: opaqueId('AAMkAG', 120, seed, 'rest', user.id, ord),
      immutableId: opaqueId(
        'AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A',
        84,
        seed,
        'immutable',
        user.id,
        ord,
      ),
      folder: m.folder,
      receivedMs: Math.floor(m.ms / 1000) * 1000,
      createdMs: Math.floor(m.ms / 1000) * 1000,
      lastModifiedMs: Math.floor(m.ms / 1000) * 1000 + 2000,
      isRead:
        m.folder === 'sentitems' || readRng.chance(ageDays > 2 ? 0.92 : 0.45),
      flagStatus: readRng.chance(0.03) ? 'flagged' : 'notFlagged',
      categories: [],
      createdSeq: ord + 1,
      seq: ord + 1,
      changeCount: 1,
      conv: m.conv,
      pos: m.pos,
    };
    user.folders[m.folder].records.push(record);
    user.byId.set(record.id, record);
    user.byId.set(record.immutableId, record);
  });
  user.seq = pending.length;
  return convs;
}
