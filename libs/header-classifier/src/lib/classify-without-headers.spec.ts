// When Graph returned no internetMessageHeaders (e.g. a delta page), only the
// structured fields are there: some decisions are safe, the rest need headers.
import { createClassificationContext } from './classification-context.js';
import { classifyHeaders } from './classify-headers.js';
import { createProspectMatcher } from './prospect-matcher.js';
import { RULE_IDS } from './rule-ids.constants.js';
import type { ClassificationOptions, GraphMessageHeaders } from './types.js';

const options: ClassificationOptions = {
  ownerAddresses: ['owner@contoso.com'],
  internalDomains: ['contoso.com'],
  prospects: createProspectMatcher({
    addresses: ['jane.doe@fabrikam.example'],
  }),
};
const ctx = createClassificationContext(options);
const bare = (
  from: string,
  subject = 'Hello',
  extra: GraphMessageHeaders = {},
): GraphMessageHeaders => ({
  from: { emailAddress: { address: from } },
  toRecipients: [{ emailAddress: { address: 'owner@contoso.com' } }],
  subject,
  ...extra,
});

describe('classifying without internetMessageHeaders', () => {
  it('asks for headers before fetching mail from a prospect: it could be a list post or an auto-reply', () => {
    const decision = classifyHeaders(bare('jane.doe@fabrikam.example'), ctx);
    expect(decision.action).toBe('needs-headers');
    expect(decision.rules).toEqual([RULE_IDS.NEEDS_HEADERS]);
    expect(decision.prospects).toEqual(['jane.doe@fabrikam.example']);
  });

  it('ignores a draft without asking', () => {
    expect(
      classifyHeaders(
        bare('jane.doe@fabrikam.example', 'x', { isDraft: true }),
        ctx,
      ).action,
    ).toBe('ignore');
  });

  it('ignores a blocked participant without asking', () => {
    const blocked = createClassificationContext({
      ...options,
      blocked: { domains: ['fabrikam.example'] },
    });
    expect(
      classifyHeaders(bare('jane.doe@fabrikam.example'), blocked).rules,
    ).toEqual([RULE_IDS.BLOCKED_PARTICIPANT]);
  });

  it('ignores internal-only mail without asking', () => {
    expect(classifyHeaders(bare('colleague@contoso.com'), ctx).rules).toEqual([
      RULE_IDS.INTERNAL_ONLY,
    ]);
  });

  it('asks for headers for internal mail that looks like an NDR (Exchange sends NDRs from inside the org)', () => {
    const ndr = bare(
      'MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.com',
      'Undeliverable: Proposal',
    );
    expect(classifyHeaders(ndr, ctx).action).toBe('needs-headers');
  });

  it('asks for headers for an external bounce: it may concern a prospect', () => {
    expect(
      classifyHeaders(
        bare('mailer-daemon@mx.example.net', 'Returned mail: User unknown'),
        ctx,
      ).action,
    ).toBe('needs-headers');
  });

  it('ignores mail with no prospect and no bounce hint without asking', () => {
    expect(
      classifyHeaders(bare('stranger@elsewhere.example'), ctx).rules,
    ).toEqual([RULE_IDS.NO_PROSPECT]);
  });

  it('fetches the owner’s own outbound mail to a prospect without asking', () => {
    const outbound = createClassificationContext({
      ...options,
      direction: 'outbound',
    });
    const sent: GraphMessageHeaders = {
      from: { emailAddress: { address: 'owner@contoso.com' } },
      toRecipients: [
        { emailAddress: { address: 'jane.doe@fabrikam.example' } },
      ],
    };
    expect(classifyHeaders(sent, outbound).action).toBe('fetch');
  });

  it('asks for headers for outbound mail when Private mail must be ignored: sensitivity is a header', () => {
    const outbound = createClassificationContext({
      ...options,
      direction: 'outbound',
      ignorePrivate: true,
    });
    const sent: GraphMessageHeaders = {
      from: { emailAddress: { address: 'owner@contoso.com' } },
      toRecipients: [
        { emailAddress: { address: 'jane.doe@fabrikam.example' } },
      ],
    };
    expect(classifyHeaders(sent, outbound).action).toBe('needs-headers');
  });

  it('decides with an empty header list: it was requested and Graph returned none', () => {
    const decision = classifyHeaders(
      { ...bare('jane.doe@fabrikam.example'), internetMessageHeaders: [] },
      ctx,
    );
    expect(decision.action).toBe('fetch');
  });
});
