import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { LoadingState } from '../shared/query-states';
import { RequireSession } from './require-session';
import { Shell } from './shell';

// Each page is its own chunk, loaded on first visit: the sign-in page and
// the shell stay small, and the charting library loads with the dashboard.
function page(load: () => Promise<ComponentType>): ReactNode {
  const Page = lazy(() => load().then((component) => ({ default: component })));
  return (
    <Suspense fallback={<LoadingState label="Loading the page…" />}>
      <Page />
    </Suspense>
  );
}

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
      {
        path: 'dashboard',
        element: page(() =>
          import('../features/dashboard/dashboard-page').then(
            (m) => m.DashboardPage,
          ),
        ),
      },
      {
        path: 'mailboxes',
        element: page(() =>
          import('../features/mailboxes/mailboxes-page').then(
            (m) => m.MailboxesPage,
          ),
        ),
      },
      {
        path: 'prospects',
        element: page(() =>
          import('../features/prospects/prospects-page').then(
            (m) => m.ProspectsPage,
          ),
        ),
      },
      {
        path: 'graph-connection',
        element: page(() =>
          import('../features/graph-connection/graph-connection-page').then(
            (m) => m.GraphConnectionPage,
          ),
        ),
      },
      {
        path: 'playground',
        element: page(() =>
          import('../features/classifier-playground/playground-page').then(
            (m) => m.PlaygroundPage,
          ),
        ),
      },
      {
        path: 'audit-log',
        element: page(() =>
          import('../features/audit-log/audit-log-page').then(
            (m) => m.AuditLogPage,
          ),
        ),
      },
      {
        path: 'settings/org/:tab?',
        element: page(() =>
          import('../features/org-settings/org-settings-page').then(
            (m) => m.OrgSettingsPage,
          ),
        ),
      },
      { path: '*', element: <Navigate to="/dashboard" replace /> },
    ],
  },
];
