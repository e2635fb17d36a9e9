import { runningStack, see, signIn } from './support/admin-pages';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_ADMIN } from './support/stack';

// Each page of the main navigation, opened by its link and pictured as a
// person sees it once it has loaded (apps/admin-e2e/screenshots/).
const PAGES = [
  { link: 'Dashboard', file: 'dashboard' },
  { link: 'Mailboxes', file: 'mailboxes' },
  { link: 'Prospects', file: 'prospects-list' },
  { link: 'Graph connection', file: 'graph-connection' },
  { link: 'Classifier playground', file: 'classifier-playground-empty' },
  { link: 'Audit log', file: 'audit-log' },
] as const;

describe('every page of the admin app', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
    await signIn(browser.page, DEMO_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAGES)('opens $link from the navigation', async ({ link, file }) => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: link })
      .click();
    await see(
      page.getByRole('heading', { level: 1 }),
      `the ${link} page's title`,
    );
    // Pages that poll (live sync progress) never go idle for long: give the
    // first answers a moment, then take the picture either way.
    await page
      .waitForLoadState('networkidle', { timeout: 5_000 })
      .catch(() => undefined);
    await screenshot(page, file);
  });
});
