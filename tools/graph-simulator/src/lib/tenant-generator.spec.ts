import { parseMimePart } from './eml.util.js';
import { TenantStore } from './tenant-store.js';
import type { MessageContent, MessageRecord, SimUser } from './tenant.types.js';

const ANCHOR = Date.parse('2026-11-30T00:00:00Z');

function all(
  store: TenantStore,
  user: SimUser,
): { record: MessageRecord; content: MessageContent }[] {
  return [...user.folders.inbox.records, ...user.folders.sentitems.records].map(
    (record) => ({ record, content: store.content(user, record) }),
  );
}

const header = (c: MessageContent, name: string) =>
  c.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

describe('tenant generator', () => {
  const store = new TenantStore({
    seed: 42,
    mailboxes: 3,
    messages: 1500,
    anchorMs: ANCHOR,
  });
  const user = store.users[0] as SimUser;
  const messages = all(store, user);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = new TenantStore({
      seed: 42,
      mailboxes: 3,
      messages: 1500,
      anchorMs: ANCHOR,
    });
    const other = new TenantStore({
      seed: 43,
      mailboxes: 3,
      messages: 1500,
      anchorMs: ANCHOR,
    });
    const u2 = again.users[0] as SimUser;
    expect(again.data.tenantId).toBe(store.data.tenantId);
    expect(u2.id).toBe(user.id);
    const fingerprint = (s: TenantStore, u: SimUser) =>
      all(s, u)
        .slice(0, 200)
        .map(({ record, content }) =>
          [
            record.immutableId,
            content.internetMessageId,
            content.subject,
            content.body().text.length,
          ].join('|'),
        );
    expect(fingerprint(again, u2)).toEqual(fingerprint(store, user));
    expect(other.data.tenantId).not.toBe(store.data.tenantId);
    expect(fingerprint(other, other.users[0] as SimUser)).not.toEqual(
      fingerprint(store, user),
    );
  });

  it('fills each mailbox with exactly the requested number of messages, ids unique, all in the past', () => {
    for (const u of store.users) {
      expect(
        u.folders.inbox.records.length + u.folders.sentitems.records.length,
      ).toBe(1500);
      expect(u.folders.inbox.records.length).toBeGreaterThan(
        u.folders.sentitems.records.length,
      );
    }
    const ids = store.users.flatMap((u) => [...u.byId.keys()]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(messages.every(({ record }) => record.receivedMs < ANCHOR)).toBe(
      true,
    );
  });

  it('generates every kind of mail the classifier must tell apart', () => {
    const kinds = new Set(messages.map((m) => m.content.truth.kind));
    expect([...kinds].sort()).toEqual([
      'auto-reply',
      'bounce',
      'external',
      'internal',
      'meeting',
      'newsletter',
      'notification',
      'prospect',
      'spam',
    ]);
    const prospects = new Set(store.data.prospects.map((p) => p.email));
    for (const m of messages.filter(
      (x) => x.content.truth.kind === 'prospect',
    )) {
      expect(prospects.has(m.content.truth.prospectEmail ?? '')).toBe(true);
    }
  });

  it('threads replies with In-Reply-To and References (RFC 5322 3.6.4)', () => {
    const byThread = new Map<string, MessageContent[]>();
    for (const { content } of messages)
      byThread.set(content.truth.threadKey, [
        ...(byThread.get(content.truth.threadKey) ?? []),
        content,
      ]);
    const threads = [...byThread.values()].filter(
      (t) => t.length >= 3 && t[0]?.truth.kind === 'prospect',
    );
    expect(threads.length).toBeGreaterThan(5);
    for (const thread of threads) {
      const sorted = [...thread].sort((a, b) => a.sentMs - b.sentMs);
      for (let i = 1; i < sorted.length; i++) {
        const cur = sorted[i] as MessageContent;
        const prev = sorted[i - 1] as MessageContent;
        if (cur.truth.kind !== 'prospect') continue;
        expect(header(cur, 'In-Reply-To')).toBe(prev.internetMessageId);
        expect(header(cur, 'References')?.split(' ')).toContain(
          prev.internetMessageId,
        );
        expect(cur.conversationId).toBe(prev.conversationId);
      }
    }
  });

  it("writes out-of-office replies in Exchange's format", () => {
    const ooo = messages.filter((m) => m.content.truth.kind === 'auto-reply');
    expect(ooo.length).toBeGreaterThan(0);
    for (const { content } of ooo) {
      expect(content.subject).toMatch(/^Automatic reply: /);
      expect(header(content, 'Auto-Submitted')).toBe('auto-replied');
      expect(header(content, 'X-Auto-Response-Suppress')).toBe('All');
      expect(header(content, 'X-MS-Exchange-Inbox-Rules-Loop')).toBe(
        content.from.address,
      );
    }
  });

  it('writes bounces as RFC 3464 delivery-status reports naming the failed recipient', () => {
    const bounces = messages.filter((m) => m.content.truth.kind === 'bounce');
    expect(bounces.length).toBeGreaterThan(0);
    expect(
      new Set(bounces.map((b) => b.content.truth.bounce?.recipientIsProspect)),
    ).toEqual(new Set([true, false]));
    for (const { content } of bounces) {
      const recipient = content.truth.bounce?.recipient ?? '';
      expect(header(content, 'Content-Type')).toMatch(
        /^multipart\/report; report-type=delivery-status/,
      );
      expect(content.from.address).toMatch(
        /^(MicrosoftExchange|MAILER-DAEMON|postmaster)/,
      );
      expect(content.body().text).toContain(recipient);
      const mime = parseMimePart(Buffer.from(content.mime()));
      const dsn = mime.parts.find(
        (p) => p.contentType === 'message/delivery-status',
      );
      expect(dsn?.body.toString()).toContain(
        `Final-Recipient: rfc822;${recipient}`,
      );
    }
  });

  it('marks newsletters, notifications and spam as Microsoft 365 would', () => {
    const newsletter = messages.find(
      (m) => m.content.truth.kind === 'newsletter',
    )?.content as MessageContent;
    expect(header(newsletter, 'List-Id')).toBeDefined();
    expect(header(newsletter, 'List-Unsubscribe')).toMatch(/^<https:\/\//);
    expect(header(newsletter, 'List-Unsubscribe-Post')).toBe(
      'List-Unsubscribe=One-Click',
    );
    const notification = messages.find(
      (m) => m.content.truth.kind === 'notification',
    )?.content as MessageContent;
    expect(notification.from.address).toMatch(
      /^(no-?reply|do-not-reply|calendar-noreply|o365mc)/i,
    );
    for (const { content } of messages.filter(
      (m) => m.content.truth.kind === 'spam',
    )) {
      expect(
        Number(header(content, 'X-MS-Exchange-Organization-SCL')),
      ).toBeGreaterThanOrEqual(5);
      expect(header(content, 'X-Forefront-Antispam-Report')).toMatch(/SFV:SPM/);
    }
    const meeting = messages.find((m) => m.content.truth.kind === 'meeting')
      ?.content as MessageContent;
    expect(meeting.odataType).toBe('#microsoft.graph.eventMessageRequest');
    expect(meeting.mime()).toMatch(
      /Content-Type: text\/calendar; charset="utf-8"; method=REQUEST/,
    );
  });

  it('carries Received chains, DKIM and ARC on external inbound mail only', () => {
    const inbound = messages.find(
      (m) =>
        m.content.truth.kind === 'prospect' &&
        m.content.truth.direction === 'inbound',
    )?.content as MessageContent;
    expect(
      inbound.headers.filter((h) => h.name === 'Received').length,
    ).toBeGreaterThanOrEqual(3);
    expect(header(inbound, 'DKIM-Signature')).toMatch(
      /^v=1; a=rsa-sha256; c=relaxed\/relaxed; d=/,
    );
    expect(header(inbound, 'ARC-Seal')).toMatch(/^i=1; a=rsa-sha256;/);
    const outbound = messages.find(
      (m) => m.content.truth.direction === 'outbound',
    )?.content as MessageContent;
    expect(header(outbound, 'Received')).toBeUndefined();
  });

  it('draws body sizes from a long tail: most a few KB, some beyond 100 KB', () => {
    const sizes = messages
      .map((m) => Buffer.byteLength(m.content.body().html))
      .sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(15_000);
    expect(sizes.filter((s) => s > 100_000).length).toBeGreaterThan(0);
  });
});
