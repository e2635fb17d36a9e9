// refineWithBody: bounces settled by the recipient they report, auto-replies
// recognised from their text, return dates read.
import { loadFixture } from '../../test/fixture.util.js';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { refineWithBody } from './refine-with-body.js';
import { RULE_IDS } from './rule-ids.constants.js';

const options = {
  ownerAddresses: ['owner@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({
    addresses: [
      'jane.doe@fabrikam.example',
      'sam.roe@northwind.example',
      'lee@tailspin.example',
      'kim@adventure-works.example',
      'pat@wingtip.example',
    ],
  }),
};
const ctx = createClassificationContext(options);
const refine = (name: string, context = ctx) => {
  const message = loadFixture(name);
  return refineWithBody(classifyHeaders(message, context), message, context);
};

describe('refineWithBody: bounces', () => {
  it.each([
    ['exchange-online-ndr.eml', 'jane.doe@fabrikam.example'],
    ['gmail-dsn-failure.eml', 'sam.roe@northwind.example'],
    ['postfix-bounce.eml', 'lee@tailspin.example'],
    ['exim-bounce.eml', 'kim@adventure-works.example'],
    ['qmail-bounce.eml', 'pat@wingtip.example'],
  ])(
    '%s: finds the bounced prospect and keeps the bounce',
    (file, recipient) => {
      const refined = refine(file);
      expect(refined.kind).toBe('bounce');
      expect(refined.action).toBe('fetch');
      expect(refined.bouncedRecipients).toEqual([recipient]);
      expect(refined.prospects).toEqual([recipient]);
      expect(refined.rules[refined.rules.length - 1]).toBe(
        RULE_IDS.REFINE_BOUNCE_PROSPECT,
      );
    },
  );

  it('discards a bounce about someone who is not a prospect', () => {
    const noProspects = createClassificationContext({
      ...options,
      prospects: createProspectMatcher(),
    });
    const refined = refine('postfix-bounce.eml', noProspects);
    expect(refined.action).toBe('ignore');
    expect(refined.bouncedRecipients).toEqual(['lee@tailspin.example']);
    expect(refined.rules).toContain(RULE_IDS.REFINE_BOUNCE_NOT_PROSPECT);
  });

  it('discards a bounce whose recipient cannot be found', () => {
    const message = {
      ...loadFixture('qmail-bounce.eml'),
      mimeContent: 'Subject: failure notice\n\nSomething went wrong.',
    };
    const refined = refineWithBody(classifyHeaders(message, ctx), message, ctx);
    expect(refined.action).toBe('ignore');
    expect(refined.rules).toContain(RULE_IDS.REFINE_BOUNCE_NO_RECIPIENT);
  });

  it('reads only failed and delayed recipients of an RFC 3464 report (§2.3.3)', () => {
    const text = [
      'From: MAILER-DAEMON@mx.example.net',
      'Subject: Delivery Status Notification',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      'Final-Recipient: rfc822; pat@wingtip.example',
      'Action: delivered',
      '',
      'Final-Recipient: rfc822; kim@adventure-works.example',
      'Action: delayed',
      '--b--',
    ].join('\r\n');
    const message = {
      mimeContent: text,
      from: { emailAddress: { address: 'MAILER-DAEMON@mx.example.net' } },
    };
    const decision = classifyHeaders(
      {
        ...message,
        internetMessageHeaders: [
          {
            name: 'Content-Type',
            value: 'multipart/report; report-type=delivery-status',
          },
        ],
      },
      ctx,
    );
    expect(refineWithBody(decision, message, ctx).bouncedRecipients).toEqual([
      'kim@adventure-works.example',
    ]);
  });
});

describe('refineWithBody: auto-replies', () => {
  it('reads the return date of an Outlook out-of-office reply', () => {
    const refined = refine('outlook-out-of-office.eml');
    expect(refined.kind).toBe('auto-reply');
    expect(refined.returnDate).toBe('2026-01-12');
    expect(refined.rules).toContain(RULE_IDS.REFINE_RETURN_DATE);
  });

  it('reads a German return date without a year, from the date the reply was sent', () => {
    expect(refine('rfc3834-vacation.eml').returnDate).toBe('2026-01-19');
  });

  it('recognises an auto-reply that only its HTML body reveals', () => {
    const refined = refine('body-only-auto-reply.eml');
    expect(
      classifyHeaders(loadFixture('body-only-auto-reply.eml'), ctx).kind,
    ).toBe('human');
    expect(refined.kind).toBe('auto-reply');
    expect(refined.action).toBe('fetch');
    expect(refined.returnDate).toBe('2026-01-20');
    expect(refined.rules).toContain(RULE_IDS.REFINE_BODY_AUTO_REPLY);
  });

  it('leaves a person’s mention of being out of the office alone', () => {
    const message = {
      ...loadFixture('outlook-human-reply.eml'),
      body: {
        contentType: 'text' as const,
        content: 'I will be out of the office next week, so let us talk today.',
      },
    };
    delete message.mimeContent;
    expect(
      refineWithBody(classifyHeaders(message, ctx), message, ctx).kind,
    ).toBe('human');
  });

  it('gives no return date when day and month cannot be told apart', () => {
    const message = {
      subject: 'AUTO: Jane Doe is out of the office (returning 03/04/2026)',
      from: { emailAddress: { address: 'jane.doe@fabrikam.example' } },
      internetMessageHeaders: [],
    };
    expect(
      refineWithBody(classifyHeaders(message, ctx), message, ctx).returnDate,
    ).toBeUndefined();
  });

  it('does not change bulk or spam', () => {
    const message = loadFixture('mailman-list-post.eml');
    const decision = classifyHeaders(message, ctx);
    expect(refineWithBody(decision, message, ctx)).toEqual({
      ...decision,
      bouncedRecipients: [],
    });
  });
});
