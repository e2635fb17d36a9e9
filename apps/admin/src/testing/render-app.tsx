import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMemoryRouter,
  RouterProvider,
  type RouteObject,
} from 'react-router';
import { QueryClient } from '@tanstack/react-query';
import { AppProviders } from '../app/providers';
import type { Session } from '../shared/api-types';
import { setCsrfToken } from '../shared/api-client';
import { SESSION_KEY } from '../shared/session';

export const ADMIN_SESSION: Session = {
  userId: '00000000-0000-4000-8000-000000000001',
  orgId: '00000000-0000-4000-8000-0000000000aa',
  email: 'ada@contoso.example',
  displayName: 'Ada Lovelace',
  role: 'admin',
  csrfToken: 'csrf-test-token',
};

export const MEMBER_SESSION: Session = {
  ...ADMIN_SESSION,
  userId: '00000000-0000-4000-8000-000000000002',
  email: 'max@contoso.example',
  displayName: 'Max Member',
  role: 'member',
};

/**
 * Renders routes in a memory router with fresh providers. A given session
 * (or null: signed out) is put in the cache, as if the app had loaded it;
 * 'ask-api' leaves it to the app to fetch.
 */
export function renderRoutes(
  routes: RouteObject[],
  {
    at = '/',
    session = ADMIN_SESSION,
  }: { at?: string; session?: Session | null | 'ask-api' } = {},
) {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity },
      mutations: { retry: false },
    },
  });
  if (session === 'ask-api') setCsrfToken(undefined);
  else {
    client.setQueryData(SESSION_KEY, session);
    setCsrfToken(session?.csrfToken);
  }
  const router = createMemoryRouter(routes, { initialEntries: [at] });
  const view = render(
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, client };
}

/** One page at one path. */
export function renderPage(
  element: ReactElement,
  options: { path?: string; at?: string; session?: Session | null } = {},
) {
  const path = options.path ?? '/';
  return renderRoutes([{ path, element }], {
    at: options.at ?? path,
    session: options.session ?? ADMIN_SESSION,
  });
}

/** A user without pauses between keystrokes (jsdom has no rendering to wait for). */
export function setupUser() {
  return userEvent.setup({ delay: null });
}

/**
 * Fluent UI dialogs and drawers stay `visibility: hidden` until their opening
 * animation ends, which never happens in jsdom: query them with this.
 */
export const OPENING_SURFACE = { hidden: true } as const;
