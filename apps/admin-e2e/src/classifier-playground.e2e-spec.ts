import { runningStack, see, signIn } from './support/admin-pages';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_ADMIN } from './support/stack';

// An out-of-office reply as Exchange sends it: RFC 3834 §5 marks it with
// Auto-Submitted: auto-replied, the signal the classifier's
// auto-reply/auto-submitted rule reads.
const AUTO_REPLY_HEADERS = [
  'Received: from mail.fabrikam.example (mail.fabrikam.example [192.0.2.10])',
  '\tby mx.demo.headersync.local; Tue, 1 Dec 2026 09:00:01 +0000',
  'From: Jane Doe <jane.doe@fabrikam.example>',
  'To: admin@demo.headersync.local',
  'Subject: Automatic reply: Our call next week',
  'Date: Tue, 1 Dec 2026 09:00:00 +0000',
  'Message-ID: <oof-1@fabrikam.example>',
  'Auto-Submitted: auto-replied',
  'X-Auto-Response-Suppress: All',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
].join('\r\n');

describe('the classifier playground', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
    await signIn(browser.page, DEMO_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('classifies pasted raw headers of an auto-reply as auto-reply, with the rule that fired', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: 'Classifier playground' }).click();
    const input = await see(
      page.getByRole('textbox', { name: /headers/i }),
      'a text box to paste raw headers into',
    );
    await input.fill(AUTO_REPLY_HEADERS);
    const classify = page.getByRole('button', { name: /classify/i });
    if ((await classify.count()) > 0) await classify.first().click();
    await see(page.getByText(/kind: auto-reply/i), 'the decision auto-reply');
    await see(
      page.getByText(/auto-reply\/auto-submitted/),
      'the rule auto-reply/auto-submitted among the rules that fired',
    );
    await screenshot(page, 'classifier-playground');
  });
});
