import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import { mockApi, PENDING, problem } from '../testing/mock-api';
import {
  ADMIN_SESSION,
  OPENING_SURFACE,
  renderRoutes,
  setupUser,
} from '../testing/render-app';
import { APP_ROUTES } from './routes';

const EMPTY_STATS = {
  from: '2026-11-27T00:00:00.000Z',
  to: '2026-12-04T00:00:00.000Z',
  bucket: 'day',
  mailboxId: null,
  averageMessageBytes: null,
  buckets: [],
  totals: {
    runs: 0,
    seen: 0,
    fetched: 0,
    stored: 0,
    ignored: {},
    ignoredTotal: 0,
    bytesHeader: 0,
    bytesBody: 0,
    bytesNotDownloaded: null,
  },
  mailboxes: [],
};

describe('the app', () => {
  it('checks the session first', () => {
    mockApi({ 'GET /v1/auth/session': PENDING });
    renderRoutes(APP_ROUTES, { at: '/dashboard', session: 'ask-api' });
    expect(screen.getByText('Loading your session…')).toBeInTheDocument();
  });

  it('sends a visitor without a session to sign in, keeping where they wanted to go', async () => {
    mockApi({ 'GET /v1/auth/session': problem(401, 'Sign in first') });
    const { router } = renderRoutes(APP_ROUTES, {
      at: '/mailboxes',
      session: 'ask-api',
    });
    expect(
      await screen.findByRole('heading', { name: 'Sign in to Headersync' }),
    ).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fmailboxes');
  });

  it('says so when the session cannot be checked', async () => {
    mockApi({ 'GET /v1/auth/session': 'offline' });
    renderRoutes(APP_ROUTES, { at: '/dashboard', session: 'ask-api' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The API is not reachable',
    );
  });

  it('goes from the avatar to the Email tab: Settings, User Admin, Org, Email', async () => {
    mockApi({
      'GET /v1/audit-events': { body: { items: [], nextCursor: null } },
      'GET /v1/org/email-settings': {
        body: {
          version: 1,
          updatedAt: '2026-12-01T00:00:00.000Z',
          settings: DEFAULT_ORG_EMAIL_SETTINGS,
        },
      },
    });
    const user = setupUser();
    const { router } = renderRoutes(APP_ROUTES, { at: '/' });
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/dashboard'),
    );

    const avatar = screen.getByRole('button', {
      name: /Account menu for Ada Lovelace/,
    });
    expect(avatar).toHaveTextContent('AL');
    await user.click(avatar);
    await user.click(await screen.findByRole('menuitem', { name: 'Settings' }));

    const panel = await screen.findByRole('dialog', OPENING_SURFACE);
    expect(
      within(panel).getByRole('heading', {
        name: 'User Admin',
        ...OPENING_SURFACE,
      }),
    ).toBeInTheDocument();
    await user.click(
      within(panel).getByRole('link', { name: 'Org', ...OPENING_SURFACE }),
    );
    await waitFor(
      () =>
        expect(router.state.location.pathname).toBe('/settings/org/general'),
      { timeout: 10_000 },
    );

    await user.click(await screen.findByRole('tab', { name: 'Email' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/settings/org/email'),
    );
    expect(
      await screen.findByRole('switch', {
        name: 'Sync emails based on headers only',
      }),
    ).toBeInTheDocument();
    // The longest walk of the suite: menus, a drawer and two lazy pages.
  }, 60_000);

  it('opens the dashboard at /', async () => {
    mockApi({ 'GET /v1/stats': { body: EMPTY_STATS } });
    const { router } = renderRoutes(APP_ROUTES, { at: '/' });
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/dashboard'),
    );
    expect(
      await screen.findByText('Nothing synced in this period'),
    ).toBeInTheDocument();
  });

  it('signs out from the avatar menu', async () => {
    const calls = mockApi({
      'GET /v1/audit-events': { body: { items: [], nextCursor: null } },
      'POST /v1/auth/sign-out': { status: 204 },
    });
    const user = setupUser();
    const { router } = renderRoutes(APP_ROUTES, {
      at: '/dashboard',
      session: ADMIN_SESSION,
    });
    await user.click(screen.getByRole('button', { name: /Account menu/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/sign-in'),
    );
    expect(
      calls.some((c) => c.method === 'POST' && c.path === '/v1/auth/sign-out'),
    ).toBe(true);
  });
});
