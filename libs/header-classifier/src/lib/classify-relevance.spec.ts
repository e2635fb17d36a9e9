// Relevance: what is fetched and what is ignored, given the org's settings.
import { loadFixture } from '../../test/fixture.util.js';
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { RULE_IDS } from './rule-ids.constants.js';
import type { ClassificationOptions, GraphMessageHeaders } from './types.js';

const base: ClassificationOptions = {
  ownerAddresses: ['owner@contoso.com', 'sales@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({
    addresses: ['Jane.Doe@fabrikam.example'],
    accountDomains: ['northwind.example'],
  }),
};
const ctx = (extra: ClassificationOptions = {}) =>
  createClassificationContext({ ...base, ...extra });
const reply = loadFixture('outlook-human-reply.eml');
const mail = (
  from: string,
  to: string[],
  extra: GraphMessageHeaders = {},
): GraphMessageHeaders => ({
  from: { emailAddress: { address: from } },
  toRecipients: to.map((address) => ({ emailAddress: { address } })),
  subject: 'Hello',
  internetMessageHeaders: [{ name: 'Subject', value: 'Hello' }],
  ...extra,
});

describe('relevance', () => {
  it('fetches a human reply from a known prospect', () => {
    expect(classifyHeaders(reply, ctx())).toEqual({
      kind: 'human',
      action: 'fetch',
      rules: [RULE_IDS.PROSPECT_PARTICIPANT],
      prospects: ['jane.doe@fabrikam.example'],
    });
  });

  it('fetches mail from an account domain, subdomains included', () => {
    const decision = classifyHeaders(
      mail('ops@eu.northwind.example', ['owner@contoso.com']),
      ctx(),
    );
    expect(decision.action).toBe('fetch');
    expect(decision.prospects).toEqual(['ops@eu.northwind.example']);
  });

  it('does not match account domains when the org matches by address only', () => {
    const byAddress = ctx({
      prospects: createProspectMatcher({
        accountDomains: ['northwind.example'],
        matchByDomain: false,
      }),
    });
    expect(
      classifyHeaders(
        mail('ops@northwind.example', ['owner@contoso.com']),
        byAddress,
      ).action,
    ).toBe('ignore');
  });

  it('ignores mail with no prospect and nobody allowed', () => {
    const decision = classifyHeaders(
      mail('stranger@elsewhere.example', ['owner@contoso.com']),
      ctx(),
    );
    expect(decision.action).toBe('ignore');
    expect(decision.rules).toEqual([RULE_IDS.NO_PROSPECT]);
  });

  it('fetches mail from an allowed domain that is not a prospect', () => {
    const decision = classifyHeaders(
      mail('partner@allowed.example', ['owner@contoso.com']),
      ctx({ allowed: { domains: ['allowed.example'] } }),
    );
    expect(decision.action).toBe('fetch');
    expect(decision.rules).toEqual([RULE_IDS.ALLOWED_PARTICIPANT]);
  });

  it('ignores a draft', () => {
    expect(classifyHeaders({ ...reply, isDraft: true }, ctx()).rules).toEqual([
      RULE_IDS.DRAFT,
    ]);
  });

  it('lets a blocked participant win over everything, even a prospect on Cc', () => {
    const decision = classifyHeaders(
      reply,
      ctx({ blocked: { addresses: ['SAM.ROE@fabrikam.example'] } }),
    );
    expect(decision.action).toBe('ignore');
    expect(decision.rules).toEqual([RULE_IDS.BLOCKED_PARTICIPANT]);
  });

  it('ignores Private, Personal and Company-Confidential mail when the org says so (Sensitivity header, RFC 2156)', () => {
    for (const value of ['Private', 'Personal', 'Company-Confidential']) {
      const sensitive = {
        ...reply,
        internetMessageHeaders: [
          ...(reply.internetMessageHeaders ?? []),
          { name: 'Sensitivity', value },
        ],
      };
      expect(
        classifyHeaders(sensitive, ctx({ ignorePrivate: true })).rules,
      ).toEqual([RULE_IDS.SENSITIVITY]);
      expect(classifyHeaders(sensitive, ctx()).action).toBe('fetch');
    }
  });

  it('ignores a sensitive subject term, case-insensitively', () => {
    const decision = classifyHeaders(
      { ...reply, subject: 'RE: Salary REVIEW' },
      ctx({ sensitiveSubjectTerms: ['salary review'] }),
    );
    expect(decision.rules).toEqual([RULE_IDS.SENSITIVE_SUBJECT]);
  });

  it('ignores internal-only conversations', () => {
    const decision = classifyHeaders(
      mail('colleague@contoso.com', ['owner@contoso.com']),
      ctx(),
    );
    expect(decision.rules).toEqual([RULE_IDS.INTERNAL_ONLY]);
  });

  it('still fetches an NDR that Exchange sends from the org’s own system mailbox', () => {
    expect(
      classifyHeaders(loadFixture('exchange-online-ndr.eml'), ctx()).action,
    ).toBe('fetch');
  });

  it('fetches the owner’s outbound mail to a prospect', () => {
    const decision = classifyHeaders(
      mail('owner@contoso.com', ['jane.doe@fabrikam.example']),
      ctx({ direction: 'outbound' }),
    );
    expect(decision.action).toBe('fetch');
    expect(decision.prospects).toEqual(['jane.doe@fabrikam.example']);
  });
});
