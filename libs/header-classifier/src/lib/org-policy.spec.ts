import { classifyHeaders } from './classify-headers.js';
import { createClassificationContext } from './classification-context.js';
import { orgPolicyOptions, type OrgEmailPolicy } from './org-policy.js';
import { createProspectMatcher } from './prospect-matcher.js';
import type { GraphMessageHeaders } from './types.js';

const policy: OrgEmailPolicy = {
  internalDomains: ['acme.example'],
  blockedDomains: ['blocked.example'],
  blockedAddresses: ['ceo@prospect.example'],
  allowedDomains: ['partner.example'],
  allowedAddresses: [],
  ignorePrivate: true,
  sensitiveSubjectTerms: ['salary'],
  treatCalendarAsRelevant: false,
};

const mailbox = {
  ownerAddresses: ['rep@acme.example'],
  direction: 'inbound' as const,
  prospects: createProspectMatcher({ addresses: ['buyer@prospect.example'] }),
};

function mail(from: string, subject = 'Pricing'): GraphMessageHeaders {
  return {
    from: { emailAddress: { address: from } },
    toRecipients: [{ emailAddress: { address: 'rep@acme.example' } }],
    subject,
    internetMessageHeaders: [{ name: 'Message-ID', value: '<a@b>' }],
  };
}

describe('orgPolicyOptions', () => {
  const context = createClassificationContext(
    orgPolicyOptions(policy, mailbox),
  );

  it('maps every flat policy field onto the classifier options', () => {
    expect(orgPolicyOptions(policy, mailbox)).toEqual({
      ownerAddresses: ['rep@acme.example'],
      direction: 'inbound',
      prospects: mailbox.prospects,
      internalDomains: ['acme.example'],
      blocked: {
        addresses: ['ceo@prospect.example'],
        domains: ['blocked.example'],
      },
      allowed: { addresses: [], domains: ['partner.example'] },
      ignorePrivate: true,
      sensitiveSubjectTerms: ['salary'],
      calendarRelevant: false,
    });
  });

  it('classifies under the policy: prospect fetched, blocked and sensitive ignored, allowed fetched', () => {
    expect(
      classifyHeaders(mail('buyer@prospect.example'), context).action,
    ).toBe('fetch');
    expect(classifyHeaders(mail('ceo@prospect.example'), context).action).toBe(
      'ignore',
    );
    expect(
      classifyHeaders(mail('buyer@prospect.example', 'Salary review'), context)
        .action,
    ).toBe('ignore');
    expect(
      classifyHeaders(mail('someone@partner.example'), context).action,
    ).toBe('fetch');
  });
});
