import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
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
import {
  ArrowSyncRegular,
  PauseRegular,
  PlayRegular,
} from '@fluentui/react-icons';
import { PageHeader } from '../../app/page-header';
import { apiRequest, describeError } from '../../shared/api-client';
import type { Mailbox, Page } from '../../shared/api-types';
import { formatDateTime, formatNumber } from '../../shared/format';
import {
  EmptyState,
  ErrorState,
  LoadingState,
} from '../../shared/query-states';
import { useSession } from '../../shared/session';
import {
  isSyncBusy,
  progressFraction,
  progressSummary,
  remedyFor,
} from './mailbox-progress.util';

export const MAILBOXES_KEY = ['mailboxes'] as const;
/** How often the list is polled while a sync is queued or running. */
export const SYNC_POLL_MS = 2000;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  add: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
  },
  cell: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
  },
});

const STATUS_BADGE = {
  active: { color: 'success', label: 'Active' },
  paused: { color: 'warning', label: 'Paused' },
  error: { color: 'danger', label: 'Error' },
} as const;

function ignoredTotal(m: Mailbox): number {
  return Object.values(m.lastRun?.ignored ?? {}).reduce((a, b) => a + b, 0);
}

function SyncCell({ mailbox }: { mailbox: Mailbox }) {
  const styles = useStyles();
  if (isSyncBusy(mailbox)) {
    const fraction =
      mailbox.job?.state === 'active'
        ? progressFraction(mailbox.job.progress)
        : undefined;
    const summary =
      mailbox.job?.state === 'active' && fraction === undefined
        ? progressSummary(mailbox.job.progress)
        : undefined;
    const label =
      mailbox.job?.state === 'active'
        ? fraction !== undefined
          ? `Syncing… ${Math.round(fraction * 100)} %`
          : summary
            ? `Syncing… ${summary}`
            : 'Syncing…'
        : 'Queued';
    return (
      <div className={styles.cell}>
        <Text size={200}>{label}</Text>
        <ProgressBar
          aria-label={`Sync progress of ${mailbox.userPrincipalName}`}
          aria-valuetext={label}
          {...(fraction === undefined ? {} : { value: fraction })}
        />
      </div>
    );
  }
  const reason =
    mailbox.status === 'error'
      ? (mailbox.statusReason ??
        mailbox.lastRun?.error ??
        'The last sync failed')
      : mailbox.lastRun?.error;
  return (
    <div className={styles.cell}>
      <Text>Last sync: {formatDateTime(mailbox.lastSyncFinishedAt)}</Text>
      {reason && mailbox.status !== 'paused' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{reason}</MessageBarTitle>
            {remedyFor(reason)}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function MailboxActions({ mailbox }: { mailbox: Mailbox }) {
  const styles = useStyles();
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'sync' | 'rescan' | 'pause' | 'resume') =>
      apiRequest<unknown>(`/v1/mailboxes/${mailbox.id}/${action}`, {
        method: 'POST',
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: MAILBOXES_KEY }),
  });
  const paused = mailbox.status === 'paused';
  const busy = isSyncBusy(mailbox) || act.isPending;
  const name = mailbox.userPrincipalName;
  return (
    <div>
      <div className={styles.actions}>
        <Button
          size="small"
          icon={<ArrowSyncRegular />}
          disabled={paused || busy}
          aria-label={`Sync now: ${name}`}
          onClick={() => act.mutate('sync')}
        >
          Sync now
        </Button>
        <Button
          size="small"
          disabled={paused || busy}
          aria-label={`Rescan: ${name}`}
          onClick={() => act.mutate('rescan')}
        >
          Rescan
        </Button>
        {paused ? (
          <Button
            size="small"
            icon={<PlayRegular />}
            disabled={act.isPending}
            aria-label={`Resume: ${name}`}
            onClick={() => act.mutate('resume')}
          >
            Resume
          </Button>
        ) : (
          <Button
            size="small"
            icon={<PauseRegular />}
            disabled={act.isPending}
            aria-label={`Pause: ${name}`}
            onClick={() => act.mutate('pause')}
          >
            Pause
          </Button>
        )}
      </div>
      {act.isError && (
        <Text role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
          {describeError(act.error)}
        </Text>
      )}
    </div>
  );
}

function AddMailbox() {
  const styles = useStyles();
  const client = useQueryClient();
  const [upn, setUpn] = useState('');
  const add = useMutation({
    mutationFn: () =>
      apiRequest<Mailbox>('/v1/mailboxes', {
        method: 'POST',
        json: { userPrincipalName: upn },
      }),
    onSuccess: () => {
      setUpn('');
      void client.invalidateQueries({ queryKey: MAILBOXES_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (upn) add.mutate();
  };
  return (
    <form
      noValidate
      className={styles.add}
      onSubmit={submit}
      aria-label="Add a mailbox"
    >
      <Field
        label="User principal name"
        hint="The user's sign-in address, like rep@contoso.com"
        validationState={add.isError ? 'error' : 'none'}
        validationMessage={add.isError ? describeError(add.error) : undefined}
      >
        <Input
          type="email"
          value={upn}
          onChange={(_, d) => setUpn(d.value.trim())}
        />
      </Field>
      <Button
        type="submit"
        appearance="primary"
        disabled={!upn || add.isPending}
      >
        Add mailbox
      </Button>
    </form>
  );
}

export function MailboxesPage() {
  const styles = useStyles();
  const isAdmin = useSession().data?.role === 'admin';
  const query = useQuery({
    queryKey: MAILBOXES_KEY,
    queryFn: () =>
      apiRequest<Page<Mailbox>>('/v1/mailboxes', { query: { limit: 500 } }),
    // Live progress: poll only while some sync is queued or running.
    refetchInterval: (q) =>
      q.state.data?.items.some(isSyncBusy) ? SYNC_POLL_MS : false,
  });

  return (
    <div className={styles.page}>
      <PageHeader
        title="Mailboxes"
        description="The Microsoft 365 mailboxes Headersync syncs, and how their syncs went."
      />
      {isAdmin && <AddMailbox />}
      {query.isPending && <LoadingState label="Loading the mailboxes…" />}
      {query.isError && (
        <ErrorState
          error={query.error}
          title="Could not load the mailboxes"
          onRetry={() => void query.refetch()}
        />
      )}
      {query.data && query.data.items.length === 0 && (
        <EmptyState title="No mailboxes yet">
          <Text>
            Add a mailbox by its user principal name to start syncing its mail.
          </Text>
        </EmptyState>
      )}
      {query.data && query.data.items.length > 0 && (
        <Table aria-label="Mailboxes">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Mailbox</TableHeaderCell>
              <TableHeaderCell>Status</TableHeaderCell>
              <TableHeaderCell>Last run</TableHeaderCell>
              <TableHeaderCell>Sync</TableHeaderCell>
              {isAdmin && <TableHeaderCell>Actions</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {query.data.items.map((m) => (
              <TableRow key={m.id}>
                <TableCell>
                  <div className={styles.cell}>
                    <Text weight="semibold">{m.userPrincipalName}</Text>
                    <Text size={200}>
                      {formatNumber(m.storedMessages)} stored messages
                    </Text>
                  </div>
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={STATUS_BADGE[m.status].color}>
                    {STATUS_BADGE[m.status].label}
                  </Badge>
                  {m.status === 'paused' && m.statusReason && (
                    <Text size={200}> {m.statusReason}</Text>
                  )}
                </TableCell>
                <TableCell>
                  {m.lastRun ? (
                    <div className={styles.cell}>
                      <Text size={200}>
                        {formatNumber(m.lastRun.seen)} seen ·{' '}
                        {formatNumber(m.lastRun.fetched)} downloaded ·{' '}
                        {formatNumber(m.lastRun.stored)} stored ·{' '}
                        {formatNumber(ignoredTotal(m))} ignored
                      </Text>
                      <Text size={200}>
                        {m.lastRun.mode === 'header-based'
                          ? 'Header-based'
                          : 'Standard'}{' '}
                        sync, {formatDateTime(m.lastRun.startedAt)}
                      </Text>
                    </div>
                  ) : (
                    <Text size={200}>No sync yet</Text>
                  )}
                </TableCell>
                <TableCell>
                  <SyncCell mailbox={m} />
                </TableCell>
                {isAdmin && (
                  <TableCell>
                    <MailboxActions mailbox={m} />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
