import { Navigate, type RouteObject } from 'react-router';
import { AuditLogPage } from '../features/audit-log/audit-log-page';
import { PlaygroundPage } from '../features/classifier-playground/playground-page';
import { DashboardPage } from '../features/dashboard/dashboard-page';
import { GraphConnectionPage } from '../features/graph-connection/graph-connection-page';
import { MailboxesPage } from '../features/mailboxes/mailboxes-page';
import { OrgSettingsPage } from '../features/org-settings/org-settings-page';
import { ProspectsPage } from '../features/prospects/prospects-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { RequireSession } from './require-session';
import { Shell } from './shell';

export const APP_ROUTES: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Shell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'mailboxes', element: <MailboxesPage /> },
      { path: 'prospects', element: <ProspectsPage /> },
      { path: 'graph-connection', element: <GraphConnectionPage /> },
      { path: 'playground', element: <PlaygroundPage /> },
      { path: 'audit-log', element: <AuditLogPage /> },
      { path: 'settings/org/:tab?', element: <OrgSettingsPage /> },
      { path: '*', element: <Navigate to="/dashboard" replace /> },
    ],
  },
];
