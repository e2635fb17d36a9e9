import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../shared/query-states';
import { useSession } from '../shared/session';

/** Renders its children for a signed-in user, otherwise sends them to sign in. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <LoadingState label="Loading your session…" />;
  if (session.isError)
    return (
      <ErrorState
        error={session.error}
        title="Could not check your session"
        onRetry={() => void session.refetch()}
      />
    );
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return (
      <Navigate
        to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}
        replace
      />
    );
  }
  return children;
}
