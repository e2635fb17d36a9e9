// Kinds from headers alone, one scenario per real-world sender format.
import { loadFixture } from '../../test/fixture.util.js';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { RULE_IDS } from './rule-ids.constants.js';
import type { GraphMessageHeaders } from './types.js';

const context = createClassificationContext({
  ownerAddresses: ['owner@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({ matchAll: true }),
});
const classify = (name: string) => classifyHeaders(loadFixture(name), context);
const withHeaders = (
  headers: Record<string, string>,
  extra: GraphMessageHeaders = {},
): GraphMessageHeaders => ({
  from: { emailAddress: { address: 'jane.doe@fabrikam.example' } },
  toRecipients: [{ emailAddress: { address: 'owner@contoso.com' } }],
  subject: 'Hello',
  internetMessageHeaders: Object.entries(headers).map(([name, value]) => ({
    name,
    value,
  })),
  ...extra,
});

describe('bounces', () => {
  it.each([
    [
      'exchange-online-ndr.eml',
      [
        RULE_IDS.BOUNCE_DSN_REPORT,
        RULE_IDS.BOUNCE_EXCHANGE_NDR,
        RULE_IDS.BOUNCE_DAEMON_SENDER,
        RULE_IDS.BOUNCE_SUBJECT,
      ],
    ],
    [
      'gmail-dsn-failure.eml',
      [RULE_IDS.BOUNCE_DAEMON_SENDER, RULE_IDS.BOUNCE_SUBJECT],
    ],
    [
      'postfix-bounce.eml',
      [
        RULE_IDS.BOUNCE_DSN_REPORT,
        RULE_IDS.BOUNCE_DAEMON_SENDER,
        RULE_IDS.BOUNCE_SUBJECT,
      ],
    ],
    [
      'exim-bounce.eml',
      [
        RULE_IDS.BOUNCE_FAILED_RECIPIENTS,
        RULE_IDS.BOUNCE_DAEMON_SENDER,
        RULE_IDS.BOUNCE_SUBJECT,
      ],
    ],
    [
      'qmail-bounce.eml',
      [RULE_IDS.BOUNCE_DAEMON_SENDER, RULE_IDS.BOUNCE_SUBJECT],
    ],
  ])('%s is a bounce that is fetched for refineWithBody', (file, rules) => {
    const decision = classify(file);
    expect(decision.kind).toBe('bounce');
    expect(decision.action).toBe('fetch');
    expect(decision.rules).toEqual([...rules, RULE_IDS.BOUNCE_TO_OWNER]);
  });

  it('wins over the Auto-Submitted: auto-replied that Exim puts on bounces', () => {
    expect(classify('exim-bounce.eml').rules).not.toContain(
      RULE_IDS.AUTO_REPLY_AUTO_SUBMITTED,
    );
  });

  it('is ignored when it is outbound mail (not addressed to the owner)', () => {
    const outbound = createClassificationContext({
      direction: 'outbound',
      prospects: createProspectMatcher({ matchAll: true }),
    });
    expect(
      classifyHeaders(loadFixture('postfix-bounce.eml'), outbound).action,
    ).toBe('ignore');
  });
});

describe('auto-replies', () => {
  it('Outlook out-of-office from a prospect is fetched (Exchange OOF markers and subject)', () => {
    const decision = classify('outlook-out-of-office.eml');
    expect(decision).toEqual({
      kind: 'auto-reply',
      action: 'fetch',
      rules: [
        RULE_IDS.AUTO_REPLY_EXCHANGE_OOF,
        RULE_IDS.AUTO_REPLY_SUBJECT,
        RULE_IDS.AUTO_REPLY_FROM_PROSPECT,
      ],
      prospects: ['jane.doe@fabrikam.example'],
    });
  });

  it('RFC 3834 vacation reply wins over its Precedence: bulk', () => {
    const decision = classify('rfc3834-vacation.eml');
    expect(decision.kind).toBe('auto-reply');
    expect(decision.rules).toContain(RULE_IDS.AUTO_REPLY_AUTO_SUBMITTED);
  });

  it('is ignored when the sender is not a prospect', () => {
    const nobody = createClassificationContext({
      prospects: createProspectMatcher({ addresses: ['other@x.example'] }),
    });
    expect(
      classifyHeaders(loadFixture('outlook-out-of-office.eml'), nobody).action,
    ).toBe('ignore');
  });

  it.each([
    ['X-Autoreply', 'yes'],
    ['X-Autorespond', 'Sorry, away'],
    ['Precedence', 'auto_reply'],
  ])('recognises %s', (name, value) => {
    expect(classifyHeaders(withHeaders({ [name]: value }), context).kind).toBe(
      'auto-reply',
    );
  });

  it.each([
    'Automatic reply: Proposal',
    'Out of Office: Proposal',
    'Out of Office AutoReply: Proposal',
    'Réponse automatique : Proposition',
    'Automatische Antwort: Angebot',
    'Respuesta automática: Propuesta',
    'Risposta automatica: Proposta',
    'Resposta automática: Proposta',
    'Autosvar: Forslag',
    'Automatisch antwoord: Voorstel',
    '自動応答: 提案',
    '自动回复: 提案',
    '[Automatyczna odpowiedź] test',
    'AUTO: Jane Doe is out of the office (returning 12/01/2026)',
    'Re: Proposal (Automatic Response)',
  ])('recognises the subject "%s"', (subject) => {
    expect(classifyHeaders(withHeaders({}, { subject }), context).kind).toBe(
      'auto-reply',
    );
  });

  it.each([
    'Out of Office',
    'out of office next week?',
    'Re: [team] Jane is out of the office',
  ])(
    'does not take the person-written subject "%s" for an auto-reply',
    (subject) => {
      expect(classifyHeaders(withHeaders({}, { subject }), context).kind).toBe(
        'human',
      );
    },
  );

  it('does not treat X-Auto-Response-Suppress alone as an auto-reply (Outlook sets it on ordinary mail)', () => {
    const decision = classify('outlook-human-reply.eml');
    expect(decision.kind).toBe('human');
    expect(decision.action).toBe('fetch');
  });

  it('reads a null reverse-path without other signals as an automatic response (RFC 3834 §3.3)', () => {
    const decision = classifyHeaders(
      withHeaders({ 'Return-Path': '<>' }),
      context,
    );
    expect(decision.kind).toBe('auto-reply');
    expect(decision.rules).toContain(RULE_IDS.AUTO_REPLY_NULL_REVERSE_PATH);
  });
});

describe('bulk', () => {
  it('a Mailman list post is bulk and ignored (RFC 2369, RFC 2919)', () => {
    const decision = classify('mailman-list-post.eml');
    expect(decision.kind).toBe('bulk');
    expect(decision.action).toBe('ignore');
    expect(decision.rules).toEqual(
      expect.arrayContaining([
        RULE_IDS.BULK_LIST_ID,
        RULE_IDS.BULK_LIST_UNSUBSCRIBE,
        RULE_IDS.BULK_LIST_MANAGER,
        RULE_IDS.BULK_PRECEDENCE,
      ]),
    );
  });

  it('a Mailchimp campaign from a prospect domain is still ignored', () => {
    const byDomain = createClassificationContext({
      prospects: createProspectMatcher({
        accountDomains: ['fabrikam.example'],
      }),
    });
    const decision = classifyHeaders(
      loadFixture('mailchimp-newsletter.eml'),
      byDomain,
    );
    expect(decision.kind).toBe('bulk');
    expect(decision.action).toBe('ignore');
    expect(decision.rules).toEqual(
      expect.arrayContaining([
        RULE_IDS.BULK_ESP,
        RULE_IDS.BULK_FEEDBACK_ID,
        RULE_IDS.BULK_RETURN_PATH,
      ]),
    );
  });

  it.each([
    [{ 'X-SG-EID': 'abc' }, RULE_IDS.BULK_ESP],
    [{ 'X-SES-Outgoing': '2026.01.05-1.2.3.4' }, RULE_IDS.BULK_ESP],
    [{ 'Auto-Submitted': 'auto-generated' }, RULE_IDS.BULK_AUTO_GENERATED],
    [{ Precedence: 'junk' }, RULE_IDS.BULK_PRECEDENCE],
    [{ 'X-Microsoft-Antispam': 'BCL:8;' }, RULE_IDS.BULK_MICROSOFT_BULK],
  ])('recognises %o', (headers, rule) => {
    const decision = classifyHeaders(withHeaders(headers), context);
    expect(decision.kind).toBe('bulk');
    expect(decision.rules).toContain(rule);
  });

  it('treats a no-reply sender as bulk', () => {
    const decision = classifyHeaders(
      withHeaders(
        {},
        { from: { emailAddress: { address: 'no-reply@fabrikam.example' } } },
      ),
      context,
    );
    expect(decision.kind).toBe('bulk');
  });

  it('keeps a BATV-tagged reverse-path of person-to-person mail human', () => {
    const decision = classifyHeaders(
      withHeaders({
        'Return-Path': '<prvs=1234567890=jane.doe@fabrikam.example>',
      }),
      context,
    );
    expect(decision.kind).toBe('human');
  });
});

describe('calendar and spam', () => {
  it('an Outlook meeting request is calendar and fetched by default', () => {
    const decision = classify('outlook-meeting-request.eml');
    expect(decision.kind).toBe('calendar');
    expect(decision.action).toBe('fetch');
    expect(decision.rules).toEqual([
      RULE_IDS.CALENDAR_CONTENT_CLASS,
      RULE_IDS.CALENDAR_CONTENT_TYPE,
      RULE_IDS.PROSPECT_PARTICIPANT,
    ]);
  });

  it('a meeting response subject is calendar, ignored when the org does not want calendar mail', () => {
    const noCalendar = createClassificationContext({
      prospects: createProspectMatcher({ matchAll: true }),
      calendarRelevant: false,
    });
    const decision = classifyHeaders(
      withHeaders({}, { subject: 'Accepted: Demo call' }),
      noCalendar,
    );
    expect(decision.kind).toBe('calendar');
    expect(decision.action).toBe('ignore');
  });

  it('an Exchange spam verdict is spam and ignored', () => {
    const decision = classify('exchange-spam-verdict.eml');
    expect(decision.kind).toBe('spam');
    expect(decision.action).toBe('ignore');
    expect(decision.rules).toEqual([
      RULE_IDS.SPAM_EXCHANGE_SCL,
      RULE_IDS.SPAM_FOREFRONT_VERDICT,
      RULE_IDS.SPAM_IGNORED,
    ]);
  });

  it('reads X-Spam-Flag: YES (SpamAssassin)', () => {
    expect(
      classifyHeaders(withHeaders({ 'X-Spam-Flag': 'YES' }), context).kind,
    ).toBe('spam');
  });

  it('does not read a low SCL as spam', () => {
    expect(
      classifyHeaders(
        withHeaders({ 'X-MS-Exchange-Organization-SCL': '1' }),
        context,
      ).kind,
    ).toBe('human');
  });
});
