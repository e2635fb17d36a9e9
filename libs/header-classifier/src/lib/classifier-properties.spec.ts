// Property-based tests (fast-check): no input makes the library throw, and
// the same input always gives the same answer.
import fc from 'fast-check';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { parseRawHeaders } from './parse-raw-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { refineWithBody } from './refine-with-body.js';
import type { GraphMessageHeaders } from './types.js';

const context = createClassificationContext({
  ownerAddresses: ['owner@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({ matchAll: true }),
  blocked: { domains: ['blocked.example'] },
  sensitiveSubjectTerms: ['salary'],
  ignorePrivate: true,
});

const NAMES = [
  'From',
  'To',
  'Cc',
  'Subject',
  'Content-Type',
  'Auto-Submitted',
  'Precedence',
  'List-Id',
  'Return-Path',
  'X-Forefront-Antispam-Report',
  'X-MS-Exchange-Organization-SCL',
  'Sensitivity',
  'X-Failed-Recipients',
  'Errors-To',
  'Sender',
  'X-Mailer',
];
const headerName = fc.oneof(fc.constantFrom(...NAMES), fc.string());
const header = fc.record({ name: headerName, value: fc.string() });
const recipient = fc.oneof(
  fc.record(
    {
      emailAddress: fc.record(
        {
          name: fc.string(),
          address: fc.oneof(fc.emailAddress(), fc.string()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  ),
  fc.constant(null),
);
const message: fc.Arbitrary<GraphMessageHeaders> = fc
  .record(
    {
      internetMessageHeaders: fc.oneof(
        fc.array(header, { maxLength: 30 }),
        fc.constant(null),
      ),
      from: recipient,
      sender: recipient,
      toRecipients: fc.array(recipient, { maxLength: 5 }),
      ccRecipients: fc.array(recipient, { maxLength: 3 }),
      replyTo: fc.array(recipient, { maxLength: 2 }),
      subject: fc.oneof(
        fc.string(),
        fc.constantFrom(
          'Automatic reply: x',
          'Undeliverable: y',
          'Accepted: z',
        ),
      ),
      isDraft: fc.boolean(),
      sentDateTime: fc.string(),
    },
    { requiredKeys: [] },
  )
  .map((m) => m as unknown as GraphMessageHeaders);
// Text that looks like mail: header lines, folds, boundaries, encoded-words.
const mailish = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.constantFrom(
        '\r\n',
        '\n',
        ' ',
        '\t',
        ':',
        '=?utf-8?B?',
        '=?iso-8859-1?Q?',
        '?=',
        '--b',
        'Content-Type: multipart/mixed; boundary=b',
        'Content-Transfer-Encoding: base64',
        '<',
        '>',
        '"',
        '(',
        ')',
        ',',
        ';',
        '@',
        'From: ',
        'Final-Recipient: rfc822;',
      ),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('properties', () => {
  it('classifyHeaders never throws on arbitrary header lists and is deterministic', () => {
    fc.assert(
      fc.property(message, (m) => {
        const first = classifyHeaders(m, context);
        expect(classifyHeaders(structuredClone(m), context)).toEqual(first);
        expect(['fetch', 'ignore', 'needs-headers']).toContain(first.action);
      }),
      { numRuns: 500 },
    );
  });

  it('parseRawHeaders never throws on arbitrary text and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), mailish),
        (text) => {
          const first = parseRawHeaders(text);
          expect(parseRawHeaders(text)).toEqual(first);
          expect(Array.isArray(first.malformed)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refineWithBody never throws on arbitrary bodies and is deterministic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'bounce' | 'human' | 'auto-reply'>(
          'bounce',
          'human',
          'auto-reply',
        ),
        mailish,
        fc.string(),
        (kind, mime, content) => {
          const decision = {
            kind,
            action: 'fetch' as const,
            rules: [],
            prospects: [],
          };
          const full = {
            mimeContent: mime,
            body: { contentType: 'html' as const, content },
          };
          const first = refineWithBody(decision, full, context);
          expect(refineWithBody(decision, full, context)).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the whole pipeline never throws on arbitrary text read as an .eml file', () => {
    fc.assert(
      fc.property(mailish, (text) => {
        const { message: parsed } = parseRawHeaders(text);
        refineWithBody(
          classifyHeaders(parsed, context),
          { ...parsed, mimeContent: text },
          context,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('rejects non-object input gracefully', () => {
    for (const bad of [null, undefined, 42, 'x', []]) {
      expect(() =>
        classifyHeaders(bad as unknown as GraphMessageHeaders, context),
      ).not.toThrow();
      expect(() => parseRawHeaders(bad as unknown as string)).not.toThrow();
    }
  });
});
