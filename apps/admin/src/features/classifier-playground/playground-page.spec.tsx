import { fireEvent, screen, waitFor } from '@testing-library/react';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import { mockApi, PENDING, problem } from '../../testing/mock-api';
import { renderPage, setupUser } from '../../testing/render-app';
import { PlaygroundPage } from './playground-page';

// An Exchange Online out-of-office reply (RFC 3834 §5 Auto-Submitted).
const AUTO_REPLY = [
  'From: Jane Doe <jane.doe@fabrikam.example>',
  'To: Rep <rep@contoso.example>',
  'Subject: Automatic reply: Our proposal',
  'Auto-Submitted: auto-replied',
  'X-MS-Exchange-Inbox-Rules-Loop: jane.doe@fabrikam.example',
  'Date: Thu, 03 Dec 2026 09:00:00 +0000',
  '',
].join('\r\n');

const NEWSLETTER = [
  'From: News <news@mailer.example>',
  'To: rep@contoso.example',
  'Subject: December deals',
  'List-Unsubscribe: <mailto:unsub@mailer.example>',
  'List-Id: deals.mailer.example',
  '',
].join('\r\n');

const SETTINGS = {
  body: {
    version: 1,
    updatedAt: '2026-12-01T00:00:00.000Z',
    settings: DEFAULT_ORG_EMAIL_SETTINGS,
  },
};

function paste(text: string) {
  // Pasting is one change event; typing CRLF text key by key is not what users do.
  fireEvent.change(screen.getByRole('textbox', { name: /^Raw headers/ }), {
    target: { value: text },
  });
}

describe('Classifier playground', () => {
  it('waits for the org settings', () => {
    mockApi({ 'GET /v1/org/email-settings': PENDING });
    renderPage(<PlaygroundPage />);
    expect(
      screen.getByText("Loading your org's settings…"),
    ).toBeInTheDocument();
  });

  it('invites to paste headers', async () => {
    mockApi({ 'GET /v1/org/email-settings': SETTINGS });
    renderPage(<PlaygroundPage />);
    expect(
      await screen.findByText(
        'Paste headers or drop an .eml file to see the decision.',
      ),
    ).toBeInTheDocument();
  });

  it('classifies a pasted auto-reply from a prospect: kept', async () => {
    mockApi({ 'GET /v1/org/email-settings': SETTINGS });
    renderPage(<PlaygroundPage />);
    await screen.findByText(
      'Paste headers or drop an .eml file to see the decision.',
    );
    paste(AUTO_REPLY);
    expect(await screen.findByText('Kind: auto-reply')).toBeInTheDocument();
    expect(screen.getByText('Action: fetch')).toBeInTheDocument();
    const rules = screen.getByRole('list', { name: 'Rules that fired' });
    expect(rules).toHaveTextContent('auto-reply/auto-submitted');
    expect(rules).toHaveTextContent('relevance/auto-reply-from-prospect');
  });

  it("applies the org's settings: a blocked domain wins", async () => {
    mockApi({
      'GET /v1/org/email-settings': {
        body: {
          ...SETTINGS.body,
          settings: {
            ...DEFAULT_ORG_EMAIL_SETTINGS,
            blockedDomains: ['fabrikam.example'],
          },
        },
      },
    });
    renderPage(<PlaygroundPage />);
    await screen.findByText(
      'Paste headers or drop an .eml file to see the decision.',
    );
    paste(AUTO_REPLY);
    expect(await screen.findByText('Action: ignore')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Rules that fired' }),
    ).toHaveTextContent('relevance/blocked-participant');
  });

  it('reads a dropped .eml file', async () => {
    mockApi({ 'GET /v1/org/email-settings': SETTINGS });
    const user = setupUser();
    renderPage(<PlaygroundPage />);
    await screen.findByText(
      'Paste headers or drop an .eml file to see the decision.',
    );
    await user.upload(
      screen.getByLabelText('Open an .eml file'),
      new File([NEWSLETTER], 'deals.eml', { type: 'message/rfc822' }),
    );
    expect(await screen.findByText('Kind: bulk')).toBeInTheDocument();
    expect(screen.getByText('Action: ignore')).toBeInTheDocument();
  });

  it('uses only the listed prospects when asked to', async () => {
    mockApi({ 'GET /v1/org/email-settings': SETTINGS });
    const user = setupUser();
    renderPage(<PlaygroundPage />);
    await screen.findByText(
      'Paste headers or drop an .eml file to see the decision.',
    );
    await user.click(
      screen.getByRole('switch', {
        name: 'Treat every external address as a prospect',
      }),
    );
    paste(AUTO_REPLY);
    await waitFor(() =>
      expect(screen.getByText('Action: ignore')).toBeInTheDocument(),
    );
    expect(
      screen.getByRole('list', { name: 'Rules that fired' }),
    ).toHaveTextContent('relevance/auto-reply-not-from-prospect');
  });

  it('falls back to the default settings when the org settings cannot be loaded', async () => {
    mockApi({ 'GET /v1/org/email-settings': problem(500, 'boom') });
    renderPage(<PlaygroundPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'the defaults are used',
    );
    paste(NEWSLETTER);
    expect(await screen.findByText('Kind: bulk')).toBeInTheDocument();
  });
});
