export type ApiHealth =
  | { state: 'loading' }
  | { state: 'up' }
  | { state: 'down'; reason: string };

interface TerminusBody {
  status?: string;
  error?: Record<string, { status?: string }>;
}

/** Reads /api/health, the API's own check of PostgreSQL and Redis. */
export async function fetchApiHealth(
  fetchImpl: typeof fetch = fetch,
): Promise<ApiHealth> {
  try {
    const response = await fetchImpl('/api/health', {
      headers: { accept: 'application/json' },
    });
    const body = (await response.json()) as TerminusBody;
    if (response.ok && body.status === 'ok') return { state: 'up' };
    const failing = Object.keys(body.error ?? {});
    return {
      state: 'down',
      reason:
        failing.length > 0
          ? `${failing.join(', ')} not reachable`
          : `API answered ${response.status}`,
    };
  } catch {
    return { state: 'down', reason: 'API not reachable' };
  }
}
