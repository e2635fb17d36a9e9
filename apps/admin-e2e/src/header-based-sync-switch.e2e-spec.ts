import type { Locator } from 'playwright-core';
import { ApiSession } from './support/api-session';
import {
  HEADER_SYNC_SWITCH,
  eventually,
  headerSyncSwitch,
  initialsOf,
  openOrgEmailTab,
  runningStack,
  see,
  signIn,
} from './support/admin-pages';
import { openBrowser, screenshot } from './support/browser';
import type { BrowserSession } from './support/browser';
import { DEMO_ADMIN } from './support/stack';

function isInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

interface EmailSettingsAnswer {
  version: number;
  settings: { headerBasedSync: boolean };
}

interface AuditEvent {
  at: string;
  actorUserId: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

// The flow the product is known by (issue: "The flow the product is known
// by"), done as a new admin would: only roles and visible text, no test ids.
describe('an admin turns on "Sync emails based on headers only"', () => {
  const { adminUrl } = runningStack();
  let browser: BrowserSession;
  let api: ApiSession;

  beforeAll(async () => {
    browser = await openBrowser(adminUrl);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in on the sign-in page with email and password', async () => {
    const { page } = browser;
    await page.goto('/');
    await see(page.getByLabel('Email'), 'the sign-in page');
    await see(
      // A link to the identity platform, or a button that follows one.
      page
        .getByRole('link', { name: 'Sign in with Microsoft' })
        .or(page.getByRole('button', { name: 'Sign in with Microsoft' })),
      'the "Sign in with Microsoft" button',
    );
    await screenshot(page, 'sign-in');
    await signIn(page, DEMO_ADMIN);
    await screenshot(page, 'home');
    api = await ApiSession.fromBrowser(browser.context, adminUrl);
    expect(api.session.role).toBe('admin');
  });

  it('starts with the switch off in a fresh org', async () => {
    const answer = await api.get<EmailSettingsAnswer>(
      '/api/v1/org/email-settings',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.settings.headerBasedSync).toBe(false);
  });

  it('goes avatar -> Settings -> User Admin -> Org -> Email, switches on, saves, and sees it confirmed', async () => {
    const { page } = browser;
    await openOrgEmailTab(page, initialsOf(api.session.displayName), {
      pictures: true,
    });
    const toggle = await see(
      headerSyncSwitch(page),
      `the "${HEADER_SYNC_SWITCH}" switch`,
    );
    await see(page.getByText('Beta', { exact: true }), 'the Beta mark');
    expect(await toggle.isChecked()).toBe(false);
    await screenshot(page, 'settings-org-email');

    await toggle.click();
    expect(await toggle.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const confirmation = await see(
      page.getByText('Settings saved'),
      'a confirmation that the settings were saved',
    );
    // Where the person is looking after clicking Save, without scrolling.
    expect(await isInView(confirmation)).toBe(true);
    await screenshot(page, 'settings-org-email-saved');
  });

  it('still shows the switch on after a reload', async () => {
    const { page } = browser;
    await page.reload();
    const toggle = await see(
      headerSyncSwitch(page),
      `the "${HEADER_SYNC_SWITCH}" switch after the reload`,
    );
    await eventually(() => toggle.isChecked(), 'the switch showing on');
    await screenshot(page, 'settings-org-email-reloaded');
  });

  it('has changed the setting in the API', async () => {
    const answer = await api.get<EmailSettingsAnswer>(
      '/api/v1/org/email-settings',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.settings.headerBasedSync).toBe(true);
  });

  it('has recorded the change, by this admin, in the audit log', async () => {
    const answer = await api.get<{ items: AuditEvent[] }>(
      '/api/v1/audit-events?limit=50',
    );
    expect(answer.status).toBe(200);
    const updates = answer.body.items.filter(
      (event) => event.action === 'org-email-settings.update',
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      actorUserId: api.session.userId,
      before: expect.objectContaining({ headerBasedSync: false }),
      after: expect.objectContaining({ headerBasedSync: true }),
    });
  });

  it('shows the change on the Audit log page', async () => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const row = await see(
      page.getByRole('row').filter({ hasText: 'org-email-settings.update' }),
      'the settings change in the audit log',
    );
    expect(await row.textContent()).toContain(DEMO_ADMIN.email);
    expect(await row.textContent()).toMatch(/headerBasedSync\W+off\W+on/);
    await screenshot(page, 'audit-log-after-save');
  });
});
