import { screen, waitFor, within } from '@testing-library/react';
import type { Mailbox } from '../../shared/api-types';
import { mockApi, PENDING, problem } from '../../testing/mock-api';
import {
  MEMBER_SESSION,
  renderPage,
  setupUser,
} from '../../testing/render-app';
import { MailboxesPage } from './mailboxes-page';

const MAILBOX: Mailbox = {
  id: '11111111-1111-4111-8111-111111111111',
  userPrincipalName: 'rep@contoso.example',
  graphUserId: 'g1',
  status: 'active',
  statusReason: null,
  lastSyncStartedAt: '2026-12-04T09:00:00.000Z',
  lastSyncFinishedAt: '2026-12-04T09:01:00.000Z',
  lastSuccessAt: '2026-12-04T09:01:00.000Z',
  storedMessages: 42,
  lastRun: {
    id: 'r1',
    status: 'succeeded',
    mode: 'header-based',
    trigger: 'schedule',
    startedAt: '2026-12-04T09:00:00.000Z',
    finishedAt: '2026-12-04T09:01:00.000Z',
    seen: 1200,
    fetched: 40,
    stored: 38,
    ignored: { 'relevance/bulk-ignored': 900, 'relevance/no-prospect': 262 },
    error: null,
  },
  job: null,
  createdAt: '2026-11-01T00:00:00.000Z',
};

const page = (items: Mailbox[]) => ({ body: { items, nextCursor: null } });

describe('Mailboxes page', () => {
  it('shows a spinner while loading', () => {
    mockApi({ 'GET /v1/mailboxes': PENDING });
    renderPage(<MailboxesPage />);
    expect(screen.getByText('Loading the mailboxes…')).toBeInTheDocument();
  });

  it('explains how to start when there is no mailbox', async () => {
    mockApi({ 'GET /v1/mailboxes': page([]) });
    renderPage(<MailboxesPage />);
    expect(await screen.findByText('No mailboxes yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add mailbox' }),
    ).toBeInTheDocument();
  });

  it('says so when the list cannot be loaded', async () => {
    mockApi({ 'GET /v1/mailboxes': problem(503, 'down') });
    renderPage(<MailboxesPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the mailboxes',
    );
  });

  it('lists status, last sync and counters', async () => {
    mockApi({ 'GET /v1/mailboxes': page([MAILBOX]) });
    renderPage(<MailboxesPage />);
    const row = (await screen.findByText('rep@contoso.example')).closest('tr');
    expect(row).not.toBeNull();
    const cells = within(row as HTMLElement);
    expect(cells.getByText('Active')).toBeInTheDocument();
    expect(
      cells.getByText(/1,200 seen · 40 downloaded · 38 stored · 1,162 ignored/),
    ).toBeInTheDocument();
    expect(cells.getByText('42 stored messages')).toBeInTheDocument();
    expect(cells.getByText(/Header-based sync/)).toBeInTheDocument();
  });

  it('shows live progress while a sync runs, polling until it ends', async () => {
    let polls = 0;
    mockApi({
      'GET /v1/mailboxes': () => {
        polls += 1;
        return page([
          polls < 2
            ? {
                ...MAILBOX,
                job: { state: 'active', progress: { done: 30, total: 120 } },
              }
            : MAILBOX,
        ]);
      },
    });
    renderPage(<MailboxesPage />);
    expect(await screen.findByText('Syncing… 25 %')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Sync progress of rep@contoso.example',
      }),
    ).toBeInTheDocument();
    await waitFor(
      () => expect(screen.queryByRole('progressbar')).not.toBeInTheDocument(),
      { timeout: 5000 },
    );
    expect(polls).toBe(2);
  });

  it('shows what a running sync has done when it has no percentage', async () => {
    mockApi({
      'GET /v1/mailboxes': page([
        {
          ...MAILBOX,
          job: {
            state: 'active',
            progress: {
              folders: 2,
              foldersDone: 0,
              seen: 800,
              fetched: 30,
              stored: 28,
              removed: 0,
            },
          },
        },
      ]),
    });
    renderPage(<MailboxesPage />);
    expect(
      await screen.findByText('Syncing… 800 read · 28 stored · folder 1 of 2'),
    ).toBeInTheDocument();
  });

  it('shows an error with what to do about it', async () => {
    mockApi({
      'GET /v1/mailboxes': page([
        {
          ...MAILBOX,
          status: 'error',
          statusReason: 'Graph answered 403 Forbidden (ErrorAccessDenied)',
        },
      ]),
    });
    renderPage(<MailboxesPage />);
    expect(await screen.findByText('Error')).toBeInTheDocument();
    expect(
      screen.getByText('Graph answered 403 Forbidden (ErrorAccessDenied)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Grant admin consent on the Graph connection page/),
    ).toBeInTheDocument();
  });

  it('syncs now, pauses and rescans', async () => {
    const calls = mockApi({
      'GET /v1/mailboxes': page([MAILBOX]),
      'POST /v1/mailboxes/:id/sync': { status: 202, body: { jobId: '1' } },
      'POST /v1/mailboxes/:id/pause': {
        body: { ...MAILBOX, status: 'paused' },
      },
      'POST /v1/mailboxes/:id/rescan': { status: 202, body: { jobId: '2' } },
    });
    const user = setupUser();
    renderPage(<MailboxesPage />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Sync now: rep@contoso.example',
      }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Rescan: rep@contoso.example' }),
    );
    await user.click(
      screen.getByRole('button', { name: 'Pause: rep@contoso.example' }),
    );
    await waitFor(() =>
      expect(
        calls.filter((c) => c.method === 'POST').map((c) => c.path),
      ).toEqual([
        `/v1/mailboxes/${MAILBOX.id}/sync`,
        `/v1/mailboxes/${MAILBOX.id}/rescan`,
        `/v1/mailboxes/${MAILBOX.id}/pause`,
      ]),
    );
  });

  it('adds a mailbox and names the problem when Graph does not know the user', async () => {
    const calls = mockApi({
      'GET /v1/mailboxes': page([]),
      'POST /v1/mailboxes': problem(
        400,
        'userPrincipalName is not a user of the tenant',
        [
          {
            field: 'userPrincipalName',
            message: 'is not a user of the tenant',
          },
        ],
      ),
    });
    const user = setupUser();
    renderPage(<MailboxesPage />);
    await user.type(
      await screen.findByRole('textbox', { name: /User principal name/ }),
      'ghost@contoso.example',
    );
    await user.click(screen.getByRole('button', { name: 'Add mailbox' }));
    expect(
      await screen.findByText('userPrincipalName is not a user of the tenant'),
    ).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      userPrincipalName: 'ghost@contoso.example',
    });
  });

  it('shows a member their mailbox without admin actions', async () => {
    mockApi({ 'GET /v1/mailboxes': page([MAILBOX]) });
    renderPage(<MailboxesPage />, { session: MEMBER_SESSION });
    expect(await screen.findByText('rep@contoso.example')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Sync now/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add mailbox' }),
    ).not.toBeInTheDocument();
  });
});
