import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import type { Credentials } from './stack';

/** The stack global-setup started, as the test files see it. */
export function runningStack(): { adminUrl: string; apiUrl: string } {
  const adminUrl = process.env['E2E_ADMIN_URL'];
  const apiUrl = process.env['E2E_API_URL'];
  if (!adminUrl || !apiUrl) {
    throw new Error(
      'no stack: run the browser tests through `nx run admin-e2e:test` (its global setup starts npm start)',
    );
  }
  return { adminUrl, apiUrl };
}

/**
 * Waits until a person would see `locator`, failing with what they were
 * looking for rather than a selector.
 */
export async function see(
  locator: Locator,
  what: string,
  timeout = 15_000,
): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    const picture = await screenshot(
      locator.page(),
      `missing-${what
        .replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase()
        .slice(0, 60)}`,
    ).catch(() => 'none');
    throw new Error(
      `expected to see ${what} within ${timeout / 1000} s (screenshot: ${picture})`,
    );
  }
  return locator.first();
}

/** Polls until `check` holds (a person waiting for the screen to settle). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeout = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${what} did not happen within ${timeout / 1000} s`);
}

/** The sign-in page as a new user meets it: email, password, "Sign in". */
export async function signIn(page: Page, who: Credentials): Promise<void> {
  await page.goto('/');
  await see(page.getByLabel('Email'), 'the Email field of the sign-in page');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await see(
    page.getByRole('navigation', { name: 'Main' }),
    `the app's navigation after signing in as ${who.email}`,
  );
}

/** Initials as people read them off an avatar: first letters of the first and last names. */
export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return `${first}${last}`.toUpperCase();
}

/**
 * The avatar showing `initials`, which the issue places in the bottom-left
 * corner: its box must sit in the left quarter and the bottom quarter of the
 * window.
 */
export async function avatarInBottomLeft(
  page: Page,
  initials: string,
): Promise<Locator> {
  const avatar = await see(
    page.getByText(initials, { exact: true }),
    `an avatar with the initials ${initials}`,
  );
  const box = await avatar.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport) throw new Error('the avatar has no box on screen');
  if (box.x > viewport.width / 4 || box.y < (viewport.height * 3) / 4) {
    throw new Error(
      `the avatar ${initials} is at (${Math.round(box.x)}, ${Math.round(box.y)}) in a ${viewport.width}x${viewport.height} window, not in the bottom-left corner`,
    );
  }
  return avatar;
}

/** Avatar -> Settings -> User Admin -> Org -> Email tab, by what is on screen. */
export async function openOrgEmailTab(
  page: Page,
  initials: string,
  options: { pictures?: boolean } = {},
): Promise<void> {
  await (await avatarInBottomLeft(page, initials)).click();
  await (
    await see(
      page.getByRole('menuitem', { name: 'Settings' }),
      'Settings in the account menu',
    )
  ).click();
  const panel = await see(
    page.getByRole('dialog', { name: 'Settings' }),
    'the Settings panel',
  );
  if (options.pictures) await screenshot(page, 'settings-panel');
  const userAdmin = await see(
    panel.getByRole('region', { name: 'User Admin' }),
    'the User Admin section of the Settings panel',
  );
  await (
    await see(
      userAdmin.getByRole('link', { name: 'Org', exact: true }),
      'Org under User Admin',
    )
  ).click();
  await (
    await see(page.getByRole('tab', { name: 'Email' }), 'the Email tab of Org')
  ).click();
}

export const HEADER_SYNC_SWITCH = 'Sync emails based on headers only';

export function headerSyncSwitch(page: Page): Locator {
  return page.getByRole('switch', { name: new RegExp(HEADER_SYNC_SWITCH) });
}
