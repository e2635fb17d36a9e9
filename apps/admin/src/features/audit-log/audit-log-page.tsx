import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PageHeader } from '../../app/page-header';
import { apiRequest } from '../../shared/api-client';
import type { AuditEvent, Page } from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';
import {
  EmptyState,
  ErrorState,
  LoadingState,
} from '../../shared/query-states';

export const AUDIT_KEY = ['audit-events'] as const;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  change: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
});

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (value === null) return '—';
  return typeof value === 'object'
    ? JSON.stringify(value)
    : String(value as string | number);
}

// Recorded with every settings change; they say nothing about what changed.
const BOOKKEEPING: ReadonlySet<string> = new Set(['version', 'updatedAt']);

/** "headerBasedSync: off → on", one line per field that changed. */
export function describeChange(event: AuditEvent): string[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = [
    ...new Set([...Object.keys(before), ...Object.keys(after)]),
  ].sort();
  return keys
    .filter((k) => !BOOKKEEPING.has(k))
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) =>
      event.before === null
        ? `${k}: ${show(after[k])}`
        : event.after === null
          ? `${k}: ${show(before[k])} (removed)`
          : `${k}: ${show(before[k])} → ${show(after[k])}`,
    );
}

export function AuditLogPage() {
  const styles = useStyles();
  const query = useInfiniteQuery({
    queryKey: AUDIT_KEY,
    queryFn: ({ pageParam }) =>
      apiRequest<Page<AuditEvent>>('/v1/audit-events', {
        query: { limit: 50, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className={styles.page}>
      <PageHeader
        title="Audit log"
        description="Who changed what in your org, newest first."
      />
      {query.isPending && <LoadingState label="Loading the audit log…" />}
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Could not load the audit log"
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isSuccess && items.length === 0 && (
        <EmptyState title="No audit events yet">
          Changes to settings, mailboxes and prospects appear here.
        </EmptyState>
      )}
      {items.length > 0 && (
        <Table aria-label="Audit events">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Change</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{formatDateTime(e.at)}</TableCell>
                <TableCell>{e.actorLabel}</TableCell>
                <TableCell>
                  <Text font="monospace">{e.action}</Text>
                </TableCell>
                <TableCell>
                  <div className={styles.change}>
                    {describeChange(e).map((line) => (
                      <Text key={line} size={200}>
                        {line}
                      </Text>
                    ))}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {query.hasNextPage && (
        <div>
          <Button
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            Load older events
          </Button>
        </div>
      )}
    </div>
  );
}
