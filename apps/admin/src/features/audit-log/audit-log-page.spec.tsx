import { screen, within } from '@testing-library/react';
import { mockApi, PENDING, problem } from '../../testing/mock-api';
import {
  MEMBER_SESSION,
  renderPage,
  setupUser,
} from '../../testing/render-app';
import { AuditLogPage } from './audit-log-page';

const EVENT = {
  id: 'e1',
  at: '2026-12-04T10:00:00.000Z',
  actorUserId: 'u1',
  actorLabel: 'ada@contoso.example',
  action: 'org-email-settings.update',
  entity: 'org_email_settings',
  entityId: null,
  before: { headerBasedSync: false, blockedDomains: [], version: 1 },
  after: {
    headerBasedSync: true,
    blockedDomains: ['rival.example'],
    version: 2,
  },
};

describe('Audit log page', () => {
  it('shows a spinner while loading', () => {
    mockApi({ 'GET /v1/audit-events': PENDING });
    renderPage(<AuditLogPage />);
    expect(screen.getByText('Loading the audit log…')).toBeInTheDocument();
  });

  it('says when nothing was recorded yet', async () => {
    mockApi({
      'GET /v1/audit-events': { body: { items: [], nextCursor: null } },
    });
    renderPage(<AuditLogPage />);
    expect(await screen.findByText('No audit events yet')).toBeInTheDocument();
  });

  it('tells a member that the audit log is for admins', async () => {
    mockApi({
      'GET /v1/audit-events': problem(403, 'This needs the admin role'),
    });
    renderPage(<AuditLogPage />, { session: MEMBER_SESSION });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'it needs the admin role',
    );
  });

  it('lists who changed what, and loads older events', async () => {
    const calls = mockApi({
      'GET /v1/audit-events': (call) =>
        call.query.get('cursor')
          ? {
              body: {
                items: [
                  {
                    ...EVENT,
                    id: 'e0',
                    action: 'mailbox.add',
                    before: null,
                    after: { userPrincipalName: 'rep@contoso.example' },
                  },
                ],
                nextCursor: null,
              },
            }
          : {
              body: { items: [EVENT], nextCursor: '2026-12-04T10:00:00.000Z' },
            },
    });
    const user = setupUser();
    renderPage(<AuditLogPage />);
    const table = await screen.findByRole('table', { name: 'Audit events' });
    expect(
      within(table).getByText('org-email-settings.update'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('headerBasedSync: off → on'),
    ).toBeInTheDocument();
    expect(
      within(table).getByText('blockedDomains: none → rival.example'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load older events' }));
    expect(
      await within(table).findByText('userPrincipalName: rep@contoso.example'),
    ).toBeInTheDocument();
    expect(calls[1]?.query.get('cursor')).toBe('2026-12-04T10:00:00.000Z');
    expect(
      screen.queryByRole('button', { name: 'Load older events' }),
    ).not.toBeInTheDocument();
  });
});
