import type { ClassifierDryRunDto } from './classifier.dto';
import { graphFieldsOf, participantAddressesOf } from './classifier.util';

describe('participantAddressesOf', () => {
  it('collects every participant field once, lowercased', () => {
    expect(
      participantAddressesOf({
        from: { emailAddress: { address: 'Jane@Fabrikam.example' } },
        sender: { emailAddress: { address: 'jane@fabrikam.example' } },
        toRecipients: [{ emailAddress: { address: 'rep@contoso.example' } }],
        ccRecipients: [{ emailAddress: null }, {}],
        replyTo: [{ emailAddress: { address: ' pat@fabrikam.example ' } }],
      }).sort(),
    ).toEqual([
      'jane@fabrikam.example',
      'pat@fabrikam.example',
      'rep@contoso.example',
    ]);
  });
});

describe('graphFieldsOf', () => {
  it('keeps the Graph fields and drops the dry-run options', () => {
    const dto: ClassifierDryRunDto = {
      mailboxId: '2b4c1e39-4d8e-4b7a-9a57-2f5d3c1c0b11',
      direction: 'outbound',
      subject: 'Hello',
      isDraft: false,
    };
    expect(graphFieldsOf(dto)).toEqual({ subject: 'Hello', isDraft: false });
    expect(graphFieldsOf({ raw: 'Subject: x' })).toEqual({});
  });
});
