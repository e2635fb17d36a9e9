import { screen, waitFor } from '@testing-library/react';
import type { Stats } from '../../shared/api-types';
import { mockApi, PENDING, problem } from '../../testing/mock-api';
import { renderPage, setupUser } from '../../testing/render-app';
import { DashboardPage, reasonLabel } from './dashboard-page';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const bucket = (
  start: string,
  stored: number,
  ignored: Record<string, number>,
) => ({
  start,
  runs: 4,
  seen: stored + Object.values(ignored).reduce((a, b) => a + b, 0),
  fetched: stored,
  stored,
  ignored,
  ignoredTotal: Object.values(ignored).reduce((a, b) => a + b, 0),
  bytesHeader: 10_000,
  bytesBody: 50_000,
  bytesNotDownloaded: 5 * 1024 * 1024,
});
const STATS: Stats = {
  from: '2026-11-27T12:00:00.000Z',
  to: NOW.toISOString(),
  bucket: 'day',
  averageMessageBytes: 48_000,
  buckets: [
    bucket('2026-12-03T00:00:00.000Z', 12, { 'relevance/bulk-ignored': 300 }),
    bucket('2026-12-04T00:00:00.000Z', 8, {
      'relevance/bulk-ignored': 100,
      'relevance/no-prospect': 40,
    }),
  ],
  totals: {
    runs: 8,
    seen: 460,
    fetched: 20,
    stored: 20,
    ignored: { 'relevance/bulk-ignored': 400, 'relevance/no-prospect': 40 },
    ignoredTotal: 440,
    bytesHeader: 20_000,
    bytesBody: 100_000,
    bytesNotDownloaded: 10 * 1024 * 1024,
  },
  mailboxes: [
    {
      mailboxId: 'm1',
      userPrincipalName: 'rep@contoso.example',
      status: 'active',
      lastSuccessAt: '2026-12-04T11:55:00.000Z',
      lagSeconds: 300,
    },
    {
      mailboxId: 'm2',
      userPrincipalName: 'new@contoso.example',
      status: 'active',
      lastSuccessAt: null,
      lagSeconds: null,
    },
  ],
};
const EMPTY: Stats = {
  ...STATS,
  buckets: [],
  totals: {
    ...STATS.totals,
    runs: 0,
    seen: 0,
    fetched: 0,
    stored: 0,
    ignored: {},
    ignoredTotal: 0,
    bytesNotDownloaded: null,
  },
  mailboxes: [],
};

describe('Dashboard page', () => {
  it('shows a spinner while loading', () => {
    mockApi({ 'GET /v1/stats': PENDING });
    renderPage(<DashboardPage now={() => NOW} />);
    expect(screen.getByText('Loading the statistics…')).toBeInTheDocument();
  });

  it('explains an empty period', async () => {
    mockApi({ 'GET /v1/stats': { body: EMPTY } });
    renderPage(<DashboardPage now={() => NOW} />);
    expect(
      await screen.findByText('Nothing synced in this period'),
    ).toBeInTheDocument();
  });

  it('says so when the statistics cannot be loaded', async () => {
    mockApi({ 'GET /v1/stats': problem(500, 'boom') });
    renderPage(<DashboardPage now={() => NOW} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the statistics',
    );
  });

  it('shows totals, the three charts and the lag per mailbox', async () => {
    const calls = mockApi({ 'GET /v1/stats': { body: STATS } });
    renderPage(<DashboardPage now={() => NOW} />);
    expect(
      await screen.findByRole('heading', {
        name: 'Stored versus ignored, by reason',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'Bytes not downloaded thanks to header-based sync',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Sync lag per mailbox' }),
    ).toBeInTheDocument();
    expect(screen.getByText('440')).toBeInTheDocument();
    expect(screen.getByText('10.0 MB')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Stored 20 and ignored 440 messages over the period',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('rep@contoso.example: 5 min')).toBeInTheDocument();
    expect(
      screen.getByText('new@contoso.example: Never synced'),
    ).toBeInTheDocument();
    expect(calls[0]?.query.get('bucket')).toBe('day');
    expect(calls[0]?.query.get('from')).toBe('2026-11-27T12:00:00.000Z');
  });

  it('asks for hourly buckets over the last 24 hours', async () => {
    const calls = mockApi({ 'GET /v1/stats': { body: STATS } });
    const user = setupUser();
    renderPage(<DashboardPage now={() => NOW} />);
    await user.click(screen.getByRole('radio', { name: 'Last 24 hours' }));
    await waitFor(() => expect(calls.at(-1)?.query.get('bucket')).toBe('hour'));
    expect(calls.at(-1)?.query.get('from')).toBe('2026-12-03T12:00:00.000Z');
  });

  it('names classifier reasons the way people read them', () => {
    expect(reasonLabel('relevance/bulk-ignored')).toBe('Bulk');
    expect(reasonLabel('relevance/no-prospect')).toBe('No prospect');
    expect(reasonLabel('relevance:no-prospect')).toBe('No prospect');
  });
});
