import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken } from './api-client';
import type { Session } from './api-types';

export const SESSION_KEY = ['session'] as const;

/** null when nobody is signed in (the API answers 401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await apiRequest<Session>('/v1/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      apiRequest<Session>('/v1/auth/sign-in', {
        method: 'POST',
        json: credentials,
      }),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      client.setQueryData(SESSION_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<void>('/v1/auth/sign-out', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(undefined);
      // Nothing of the previous user may stay in the cache.
      client.clear();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}

/** Two letters for the avatar: "Ada Lovelace" → "AL", "ops@x" → "OP". */
export function initialsOf(displayName: string, email: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2)
    return `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}`.toUpperCase();
  const source = words[0] ?? email;
  return source.slice(0, 2).toUpperCase();
}
