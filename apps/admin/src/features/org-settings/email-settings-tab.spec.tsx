import { screen, waitFor, within } from '@testing-library/react';
import { DEFAULT_ORG_EMAIL_SETTINGS } from '@headersync/domain-model';
import { Link } from 'react-router';
import { mockApi, problem, PENDING } from '../../testing/mock-api';
import {
  MEMBER_SESSION,
  renderRoutes,
  setupUser,
} from '../../testing/render-app';
import { OrgSettingsPage } from './org-settings-page';
import { OPENING_SURFACE } from '../../testing/render-app';

const STORED = {
  version: 3,
  updatedAt: '2026-12-01T10:00:00.000Z',
  settings: {
    ...DEFAULT_ORG_EMAIL_SETTINGS,
    internalDomains: ['contoso.example'],
  },
};

function renderEmailTab(
  session = undefined as typeof MEMBER_SESSION | undefined,
) {
  return renderRoutes(
    [
      {
        path: '/settings/org/:tab',
        element: (
          <>
            <Link to="/dashboard">Dashboard</Link>
            <OrgSettingsPage />
          </>
        ),
      },
      { path: '/dashboard', element: <p>Dashboard page</p> },
    ],
    { at: '/settings/org/email', ...(session ? { session } : {}) },
  );
}

const headerSwitch = () =>
  screen.findByRole('switch', { name: 'Sync emails based on headers only' });

describe('Org settings, Email tab', () => {
  it('shows a spinner while the settings load', () => {
    mockApi({ 'GET /v1/org/email-settings': PENDING });
    renderEmailTab();
    expect(screen.getByText('Loading the email settings…')).toBeInTheDocument();
  });

  it('says so when the settings cannot be loaded', async () => {
    mockApi({ 'GET /v1/org/email-settings': problem(500, 'boom') });
    renderEmailTab();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the email settings',
    );
    expect(
      screen.getByRole('button', { name: 'Try again' }),
    ).toBeInTheDocument();
  });

  it('shows the defaults with empty lists as "None"', async () => {
    mockApi({
      'GET /v1/org/email-settings': {
        body: { ...STORED, settings: DEFAULT_ORG_EMAIL_SETTINGS },
      },
    });
    renderEmailTab();
    expect(await headerSwitch()).not.toBeChecked();
    const blocked = screen.getByRole('list', { name: 'Blocked domains' });
    expect(within(blocked).getByText('None')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('turns header-based sync on and saves only that change, with the version and the CSRF token', async () => {
    const calls = mockApi({
      'GET /v1/org/email-settings': { body: STORED },
      'PATCH /v1/org/email-settings': {
        body: {
          ...STORED,
          version: 4,
          settings: { ...STORED.settings, headerBasedSync: true },
        },
      },
    });
    const user = setupUser();
    renderEmailTab();
    const toggle = await headerSwitch();
    expect(screen.getByText('Beta')).toBeInTheDocument();
    expect(toggle).toHaveAccessibleDescription(
      /downloads it only when it concerns a prospect/,
    );
    await user.click(toggle);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Settings saved',
    );
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({ headerBasedSync: true, version: 3 });
    expect(patch?.headers['x-csrf-token']).toBe('csrf-test-token');
    expect(await headerSwitch()).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('tells a member clearly that only admins can change the settings', async () => {
    mockApi({
      'GET /v1/org/email-settings': { body: STORED },
      'PATCH /v1/org/email-settings': problem(403, 'This needs the admin role'),
    });
    const user = setupUser();
    renderEmailTab(MEMBER_SESSION);
    await user.click(await headerSwitch());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not saved: you are not an admin');
    expect(alert).toHaveTextContent(
      'Only admins of your org can change the email settings',
    );
  });

  it('explains a conflict with another admin, and discards on request', async () => {
    mockApi({
      'GET /v1/org/email-settings': { body: STORED },
      'PATCH /v1/org/email-settings': problem(
        409,
        'The settings changed since version 3',
      ),
    });
    const user = setupUser();
    renderEmailTab();
    await user.click(await headerSwitch());
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not saved: changed by someone else',
    );
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await headerSwitch()).not.toBeChecked();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('refuses an invalid domain before it reaches the list', async () => {
    mockApi({ 'GET /v1/org/email-settings': { body: STORED } });
    const user = setupUser();
    renderEmailTab();
    const input = await screen.findByRole('textbox', {
      name: 'Blocked domains',
    });
    await user.type(input, 'not a domain!{Enter}');
    expect(
      await screen.findByText(/"not" is not a valid domain name/),
    ).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'Competitor.Example, rival.example{Enter}');
    const list = screen.getByRole('list', { name: 'Blocked domains' });
    expect(within(list).getByText('competitor.example')).toBeInTheDocument();
    expect(within(list).getByText('rival.example')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Remove rival.example' }),
    );
    expect(within(list).queryByText('rival.example')).not.toBeInTheDocument();
  });

  it('names the field the API refused', async () => {
    mockApi({
      'GET /v1/org/email-settings': { body: STORED },
      'PATCH /v1/org/email-settings': problem(400, 'bad', [
        { field: 'allowedDomains[0]', message: 'is not a valid domain name' },
      ]),
    });
    const user = setupUser();
    renderEmailTab();
    await user.type(
      await screen.findByRole('textbox', { name: 'Allowed domains' }),
      'partner.example{Enter}',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText('is not a valid domain name'),
    ).toBeInTheDocument();
  });

  it('asks before leaving with unsaved changes, and stays when asked to', async () => {
    mockApi({ 'GET /v1/org/email-settings': { body: STORED } });
    const user = setupUser();
    const { router } = renderEmailTab();
    await user.click(await headerSwitch());
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    const dialog = await screen.findByRole('alertdialog', OPENING_SURFACE);
    expect(dialog).toHaveTextContent('Leave without saving?');
    await user.click(
      within(dialog).getByRole('button', {
        name: 'Stay on this page',
        ...OPENING_SURFACE,
      }),
    );
    expect(router.state.location.pathname).toBe('/settings/org/email');
    expect(await headerSwitch()).toBeChecked();
  });

  it('leaves without saving when the admin confirms', async () => {
    mockApi({ 'GET /v1/org/email-settings': { body: STORED } });
    const user = setupUser();
    const { router } = renderEmailTab();
    await user.click(await headerSwitch());
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    const dialog = await screen.findByRole('alertdialog', OPENING_SURFACE);
    await user.click(
      within(dialog).getByRole('button', { name: 'Leave', ...OPENING_SURFACE }),
    );
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/dashboard'),
    );
  });

  it('does not ask when nothing changed', async () => {
    mockApi({ 'GET /v1/org/email-settings': { body: STORED } });
    const user = setupUser();
    const { router } = renderEmailTab();
    await headerSwitch();
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/dashboard'),
    );
  });

  it('registers a beforeunload prompt only while there are unsaved changes', async () => {
    mockApi({ 'GET /v1/org/email-settings': { body: STORED } });
    const user = setupUser();
    renderEmailTab();
    const unload = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    await headerSwitch();
    expect(unload()).toBe(false);
    await user.click(await headerSwitch());
    expect(unload()).toBe(true);
  });
});
