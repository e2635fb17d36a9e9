import { ApiSession } from './support/api-session';
import {
  HEADER_SYNC_SWITCH,
  headerSyncSwitch,
  initialsOf,
  openOrgEmailTab,
  runningStack,
  see,
  signIn,
} from './support/admin-pages';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_MEMBER } from './support/stack';

interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
}

// Issue: the save "is refused with a clear message for members who are not admins".
describe('a member who is not an admin tries to change the setting', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;
  let api: ApiSession;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
    await signIn(browser.page, DEMO_MEMBER);
    api = await ApiSession.fromBrowser(browser.context, adminUrl);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is told in the Email tab that only admins can change it', async () => {
    const { page } = browser;
    await openOrgEmailTab(page, initialsOf(api.session.displayName));
    const toggle = await see(
      headerSyncSwitch(page),
      `the "${HEADER_SYNC_SWITCH}" switch`,
    );
    const wasOn = await toggle.isChecked();
    // Either the form is read-only and says why, or the save is refused and
    // says why: both must name admins as the ones who can change it.
    if (await toggle.isEnabled()) {
      await toggle.click();
      await page.getByRole('button', { name: 'Save', exact: true }).click();
    }
    await see(
      page.getByText(/only admins/i),
      'a message saying that only admins can change the settings',
    );
    await screenshot(page, 'settings-org-email-member');
    await page.reload();
    const after = await see(
      headerSyncSwitch(page),
      'the switch after a reload',
    );
    expect(await after.isChecked()).toBe(wasOn);
  });

  it('is refused by the API with a problem naming the reason', async () => {
    const answer = await api.patch<ProblemDetails>(
      '/api/v1/org/email-settings',
      { headerBasedSync: false },
    );
    expect(answer.status).toBe(403);
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(`${answer.body.title} ${answer.body.detail ?? ''}`).toMatch(
      /admin/i,
    );
  });
});
