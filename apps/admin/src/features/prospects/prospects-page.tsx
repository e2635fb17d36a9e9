import { useDeferredValue, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  Button,
  SearchBox,
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
import { AddRegular, EditRegular } from '@fluentui/react-icons';
import { PageHeader } from '../../app/page-header';
import { apiRequest } from '../../shared/api-client';
import type { Page, Prospect } from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';
import {
  EmptyState,
  ErrorState,
  LoadingState,
} from '../../shared/query-states';
import { CsvImport } from './csv-import';
import { PROSPECTS_KEY, ProspectDialog } from './prospect-dialog';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  toolbar: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
  },
  search: { width: '320px' },
});

export function ProspectsPage() {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim().toLowerCase());
  const [editing, setEditing] = useState<Prospect | 'new' | null>(null);
  const query = useInfiniteQuery({
    queryKey: [...PROSPECTS_KEY, q],
    queryFn: ({ pageParam }) =>
      apiRequest<Page<Prospect>>('/v1/prospects', {
        query: { q, limit: PAGE_SIZE, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className={styles.page}>
      <PageHeader
        title="Prospects"
        description="The people whose mail is worth syncing."
      />
      <div className={styles.toolbar}>
        <SearchBox
          className={styles.search}
          aria-label="Search prospects by email"
          placeholder="Search by email"
          value={search}
          onChange={(_, d) => setSearch(d.value)}
        />
        <Button
          appearance="primary"
          icon={<AddRegular />}
          onClick={() => setEditing('new')}
        >
          Add prospect
        </Button>
      </div>
      {query.isPending && <LoadingState label="Loading the prospects…" />}
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Could not load the prospects"
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isSuccess && items.length === 0 && (
        <EmptyState
          title={q ? `No prospect matches "${q}"` : 'No prospects yet'}
        >
          <Text>Add prospects one by one or import a CSV file.</Text>
        </EmptyState>
      )}
      {items.length > 0 && (
        <Table aria-label="Prospects">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Email</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Account domain</TableHeaderCell>
              <TableHeaderCell>Updated</TableHeaderCell>
              <TableHeaderCell>
                <span className="visually-hidden">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.email}</TableCell>
                <TableCell>{p.name ?? '—'}</TableCell>
                <TableCell>{p.accountDomain ?? '—'}</TableCell>
                <TableCell>{formatDateTime(p.updatedAt)}</TableCell>
                <TableCell>
                  <Button
                    size="small"
                    icon={<EditRegular />}
                    aria-label={`Edit ${p.email}`}
                    onClick={() => setEditing(p)}
                  >
                    Edit
                  </Button>
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
            Load more
          </Button>
        </div>
      )}
      <CsvImport />
      {editing && (
        <ProspectDialog
          prospect={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
