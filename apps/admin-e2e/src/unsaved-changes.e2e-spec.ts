import type { Dialog, Locator, Page } from 'playwright-core';
import { ApiSession } from './support/api-session';
import {
  initialsOf,
  openOrgEmailTab,
  runningStack,
  see,
  signIn,
} from './support/admin-pages';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_ADMIN } from './support/stack';

const OTHER_SWITCH = "Match prospects by their account's domain";

/** Clicks away to the Dashboard; the app asks whether to leave without saving. */
async function leaveForDashboard(page: Page): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Dashboard' })
    .click();
  return see(
    page.getByRole('alertdialog', { name: 'Leave without saving?' }),
    'a question whether to leave without saving',
  );
}

// Issue: "Leaving with unsaved changes asks first."
describe('leaving the Email tab with unsaved changes', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;
  let api: ApiSession;
  let before: unknown;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
    await signIn(browser.page, DEMO_ADMIN);
    api = await ApiSession.fromBrowser(browser.context, adminUrl);
    before = (
      await api.get<{ settings: unknown }>('/api/v1/org/email-settings')
    ).body;
    await openOrgEmailTab(browser.page, initialsOf(api.session.displayName));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('asks before following a link, and "Stay on this page" keeps the change', async () => {
    const { page } = browser;
    const toggle = await see(
      page.getByRole('switch', { name: OTHER_SWITCH }),
      `the "${OTHER_SWITCH}" switch`,
    );
    const wasOn = await toggle.isChecked();
    await toggle.click();
    const ask = await leaveForDashboard(page);
    await screenshot(page, 'settings-org-email-leave-without-saving');
    await ask.getByRole('button', { name: 'Stay on this page' }).click();
    await see(page.getByRole('tab', { name: 'Email' }), 'the Email tab again');
    expect(await toggle.isChecked()).toBe(!wasOn);
  });

  it('asks the browser to confirm a reload (beforeunload)', async () => {
    const { page } = browser;
    const asked = new Promise<Dialog>((done) => page.once('dialog', done));
    // Dismissing the prompt cancels the reload, so its promise only ends by
    // timing out: a short one.
    const reload = page.reload({ timeout: 3_000 });
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await reload.catch(() => undefined);
    await see(
      page.getByRole('tab', { name: 'Email' }),
      'the Email tab, not reloaded',
    );
  });

  it('leaves on "Leave" and nothing was saved', async () => {
    const { page } = browser;
    const ask = await leaveForDashboard(page);
    await ask.getByRole('button', { name: 'Leave', exact: true }).click();
    await see(
      page.getByRole('heading', { name: 'Dashboard' }),
      'the Dashboard',
    );
    const after = await api.get<unknown>('/api/v1/org/email-settings');
    expect(after.body).toEqual(before);
  });
});
