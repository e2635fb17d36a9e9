import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Radio,
  RadioGroup,
  Subtitle1,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { PageHeader } from '../../app/page-header';
import { apiRequest } from '../../shared/api-client';
import type { Stats } from '../../shared/api-types';
import { formatBytes, formatDuration, formatNumber } from '../../shared/format';
import {
  EmptyState,
  ErrorState,
  LoadingState,
} from '../../shared/query-states';

const RANGES = {
  '24h': { label: 'Last 24 hours', hours: 24, bucket: 'hour' },
  '7d': { label: 'Last 7 days', hours: 7 * 24, bucket: 'day' },
  '30d': { label: 'Last 30 days', hours: 30 * 24, bucket: 'day' },
} as const;
type RangeKey = keyof typeof RANGES;

// Fluent's categorical palette, readable on white.
const COLORS = [
  '#0f6cbd',
  '#c50f1f',
  '#8764b8',
  '#ca5010',
  '#498205',
  '#986f0b',
  '#038387',
  '#881798',
];

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tile: { padding: tokens.spacingHorizontalL },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  chart: { padding: tokens.spacingHorizontalL, minHeight: '320px' },
  figure: { margin: 0 },
});

function labelOf(iso: string, bucket: 'day' | 'hour'): string {
  const d = new Date(iso);
  return bucket === 'hour'
    ? d.toLocaleTimeString('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: 'UTC',
      })
    : d.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      });
}

/** Reason ids from the classifier ("relevance/bulk-ignored") as people read them. */
export function reasonLabel(reason: string): string {
  // Sync runs count ignored mail as "relevance:bulk"; rule ids read "relevance/bulk-ignored".
  const tail = reason.split(/[/:]/).at(-1) ?? reason;
  const words = tail.replace(/-ignored$/, '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function Tile({ label, value }: { label: string; value: string }) {
  const styles = useStyles();
  return (
    <Card className={styles.tile}>
      <Text size={200}>{label}</Text>
      <Text size={600} weight="semibold">
        {value}
      </Text>
    </Card>
  );
}

function Charts({ stats }: { stats: Stats }) {
  const styles = useStyles();
  const reasons = [
    ...new Set(stats.buckets.flatMap((b) => Object.keys(b.ignored))),
  ].sort();
  const rows = stats.buckets.map((b) => ({
    label: labelOf(b.start, stats.bucket),
    stored: b.stored,
    bytesNotDownloaded: b.bytesNotDownloaded ?? 0,
    ...Object.fromEntries(reasons.map((r) => [r, b.ignored[r] ?? 0])),
  }));
  const lag = stats.mailboxes.map((m) => ({
    mailbox: m.userPrincipalName,
    minutes: m.lagSeconds === null ? 0 : Math.round(m.lagSeconds / 6) / 10,
  }));
  const t = stats.totals;
  return (
    <>
      <div className={styles.tiles}>
        <Tile label="Messages seen" value={formatNumber(t.seen)} />
        <Tile label="Stored" value={formatNumber(t.stored)} />
        <Tile label="Ignored" value={formatNumber(t.ignoredTotal)} />
        <Tile
          label="Not downloaded (estimate)"
          value={
            t.bytesNotDownloaded === null
              ? 'Not known yet'
              : formatBytes(t.bytesNotDownloaded)
          }
        />
      </div>
      <div className={styles.charts}>
        <Card className={styles.chart}>
          <figure
            className={styles.figure}
            aria-labelledby="chart-stored-ignored"
          >
            <Subtitle1 as="h2" id="chart-stored-ignored">
              Stored versus ignored, by reason
            </Subtitle1>
            <div
              role="img"
              aria-label={`Stored ${formatNumber(t.stored)} and ignored ${formatNumber(t.ignoredTotal)} messages over the period`}
            >
              <ResponsiveContainer
                width="100%"
                height={260}
                initialDimension={{ width: 480, height: 260 }}
              >
                <BarChart data={rows}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar
                    dataKey="stored"
                    name="Stored"
                    stackId="mail"
                    fill="#107c10"
                  />
                  {reasons.map((r, i) => (
                    <Bar
                      key={r}
                      dataKey={r}
                      name={`Ignored: ${reasonLabel(r)}`}
                      stackId="mail"
                      fill={COLORS[i % COLORS.length]}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </Card>
        <Card className={styles.chart}>
          <figure className={styles.figure} aria-labelledby="chart-bytes">
            <Subtitle1 as="h2" id="chart-bytes">
              Bytes not downloaded thanks to header-based sync
            </Subtitle1>
            <div
              role="img"
              aria-label={`${t.bytesNotDownloaded === null ? 'No estimate yet' : formatBytes(t.bytesNotDownloaded)} not downloaded over the period`}
            >
              <ResponsiveContainer
                width="100%"
                height={260}
                initialDimension={{ width: 480, height: 260 }}
              >
                <LineChart data={rows}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" />
                  <YAxis
                    tickFormatter={(v: number) => formatBytes(v)}
                    width={80}
                  />
                  <Tooltip formatter={(v) => formatBytes(Number(v))} />
                  <Line
                    type="monotone"
                    dataKey="bytesNotDownloaded"
                    name="Not downloaded"
                    stroke="#0f6cbd"
                    strokeWidth={2}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </Card>
        <Card className={styles.chart}>
          <figure className={styles.figure} aria-labelledby="chart-lag">
            <Subtitle1 as="h2" id="chart-lag">
              Sync lag per mailbox
            </Subtitle1>
            {lag.length === 0 ? (
              <Text>No mailboxes yet.</Text>
            ) : (
              <>
                <div
                  role="img"
                  aria-label="Minutes since each mailbox's last successful sync"
                >
                  <ResponsiveContainer
                    width="100%"
                    height={Math.max(120, lag.length * 32)}
                    initialDimension={{ width: 480, height: 200 }}
                  >
                    <BarChart data={lag} layout="vertical">
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis type="number" unit=" min" />
                      <YAxis type="category" dataKey="mailbox" width={180} />
                      <Tooltip />
                      <Bar
                        dataKey="minutes"
                        name="Minutes since last sync"
                        fill="#8764b8"
                      />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <ul aria-label="Sync lag">
                  {stats.mailboxes.map((m) => (
                    <li key={m.mailboxId}>
                      <Text size={200}>
                        {m.userPrincipalName}: {formatDuration(m.lagSeconds)}
                      </Text>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </figure>
        </Card>
      </div>
    </>
  );
}

export function DashboardPage({
  now = () => new Date(),
}: {
  now?: () => Date;
}) {
  const styles = useStyles();
  const [range, setRange] = useState<RangeKey>('7d');
  const { hours, bucket } = RANGES[range];
  const query = useQuery({
    queryKey: ['stats', range],
    queryFn: () => {
      const to = now();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return apiRequest<Stats>('/v1/stats', {
        query: { from: from.toISOString(), to: to.toISOString(), bucket },
      });
    },
    refetchInterval: 60_000,
  });
  const empty =
    query.data &&
    query.data.totals.seen === 0 &&
    query.data.mailboxes.length === 0;
  return (
    <div className={styles.page}>
      <PageHeader
        title="Dashboard"
        description="What the syncs saw, stored and left alone."
      />
      <RadioGroup
        layout="horizontal"
        aria-label="Period"
        value={range}
        onChange={(_, d) => setRange(d.value as RangeKey)}
      >
        {(Object.keys(RANGES) as RangeKey[]).map((k) => (
          <Radio key={k} value={k} label={RANGES[k].label} />
        ))}
      </RadioGroup>
      {query.isPending && <LoadingState label="Loading the statistics…" />}
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Could not load the statistics"
          onRetry={() => void query.refetch()}
        />
      )}
      {empty && (
        <EmptyState title="Nothing synced in this period">
          <Text>
            Add a mailbox and let its first sync run: its figures show up here.
          </Text>
        </EmptyState>
      )}
      {query.data && !empty && <Charts stats={query.data} />}
    </div>
  );
}
