import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  MailboxSyncJob,
  MailboxSyncProgress,
  SyncMode,
} from '@headersync/domain-model';
import {
  MailboxRepository,
  OrgEmailSettingsRepository,
  SyncRunRepository,
} from '@headersync/domain-persistence';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { SyncMetrics } from '../metrics/sync.metrics';
import { FolderSyncService } from './folder-sync.service';
import { GraphClientProvider } from './graph-client.provider';
import {
  classifySyncFailure,
  RetryableSyncError,
  safeErrorMessage,
} from './sync-failure.util';

export type MailboxSyncOutcome =
  | {
      readonly status: 'succeeded';
      readonly runId: string;
      readonly mode: SyncMode;
    }
  | { readonly status: 'skipped'; readonly reason: 'not-found' | 'not-active' }
  | {
      readonly status: 'mailbox-error';
      readonly runId: string;
      readonly reason: string;
    };

export interface SyncAttempt {
  /** 1 for the first attempt of the job. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /**
   * Renews the job's lock, throwing JobLockLostError when another process
   * holds it now. Called before each page's downloads and commit, so two
   * processes never work one mailbox (and its 4 Graph requests) for longer
   * than a page (and the next page's delta request, fetched ahead).
   */
  readonly ensureLockHeld?: () => Promise<void>;
  /**
   * Publishes the run's progress so far (Bull's job progress, which the API
   * shows the admin). Counts only: it lands in Redis.
   */
  readonly reportProgress?: (progress: MailboxSyncProgress) => Promise<void>;
}

/**
 * One sync of one mailbox: every configured folder, in the org's mode (read
 * at the start of each run, so switching it takes effect on the next run).
 * Errors a person must fix mark the mailbox `error` and end the job;
 * anything else is thrown as a RetryableSyncError for Bull's backoff.
 */
@Injectable()
export class MailboxSyncService {
  private readonly logger = new Logger(MailboxSyncService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailboxes: MailboxRepository,
    private readonly orgSettings: OrgEmailSettingsRepository,
    private readonly runs: SyncRunRepository,
    private readonly graph: GraphClientProvider,
    private readonly folders: FolderSyncService,
    @Inject(SyncMetrics) private readonly metrics: SyncMetrics,
  ) {}

  /**
   * Whatever goes wrong, what reaches Bull (and so Redis, as the job's
   * failedReason) is a RetryableSyncError with a message built by
   * safeErrorMessage: a database driver's message may quote values.
   */
  async syncMailbox(
    job: MailboxSyncJob,
    attempt: SyncAttempt,
  ): Promise<MailboxSyncOutcome> {
    try {
      return await this.runMailbox(job, attempt);
    } catch (error) {
      if (error instanceof RetryableSyncError) throw error;
      throw new RetryableSyncError(safeErrorMessage(error));
    }
  }

  private async runMailbox(
    job: MailboxSyncJob,
    attempt: SyncAttempt,
  ): Promise<MailboxSyncOutcome> {
    const mailbox = await this.mailboxes.findById(job.orgId, job.mailboxId);
    if (!mailbox) return { status: 'skipped', reason: 'not-found' };
    if (mailbox.status !== 'active')
      return { status: 'skipped', reason: 'not-active' };

    const { settings } = await this.orgSettings.get(job.orgId);
    const mode: SyncMode = settings.headerBasedSync
      ? 'header-based'
      : 'standard';
    await this.closeInterruptedRuns(job.orgId, mailbox.id);
    const startedAt = new Date();
    const run = await this.runs.start(job.orgId, mailbox.id, mode, job.trigger);
    await this.mailboxes.markSyncStarted(mailbox.id, startedAt);
    this.logger.log({
      event: 'mailbox-sync-started',
      mailboxId: mailbox.id,
      runId: run.id,
      mode,
      trigger: job.trigger,
      attempt: attempt.attempt,
    });

    let graphUserId = mailbox.graphUserId;
    let usage: ReturnType<GraphClientProvider['trackUsage']> | undefined;
    try {
      const client = await this.graph.clientFor(job.orgId);
      // The user lookup resolves the Graph id once and finds a deleted or
      // disabled mailbox before any folder work starts.
      const user = await client.getUser(
        graphUserId ?? mailbox.userPrincipalName,
      );
      if (!graphUserId) {
        graphUserId = user.id;
        await this.mailboxes.setGraphUserId(mailbox.id, user.id);
      }
      usage = this.graph.trackUsage(graphUserId);
      const ownerAddresses = [
        ...new Set(
          [mailbox.userPrincipalName, user.userPrincipalName, user.mail]
            .filter((a): a is string => !!a)
            .map((a) => a.toLowerCase()),
        ),
      ];
      // Delta gives no total ahead, so progress is what was done so far.
      const progress: MailboxSyncProgress = {
        folders: settings.folders.length,
        foldersDone: 0,
        seen: 0,
        fetched: 0,
        stored: 0,
        removed: 0,
      };
      await attempt.reportProgress?.({ ...progress });
      for (const folder of settings.folders) {
        await this.folders.syncFolder(
          {
            orgId: job.orgId,
            mailboxId: mailbox.id,
            graphUserId,
            runId: run.id,
            mode,
            trigger: job.trigger,
            settings,
            ownerAddresses,
            client,
            pageSize: this.config.sync.pageSize,
            startedAt,
            ensureLockHeld: attempt.ensureLockHeld ?? noLock,
            onPageCommitted: async (page) => {
              progress.seen += page.seen;
              progress.fetched += page.fetched;
              progress.stored += page.stored;
              progress.removed += page.removed;
              await attempt.reportProgress?.({ ...progress });
            },
          },
          folder,
        );
        progress.foldersDone += 1;
        await attempt.reportProgress?.({ ...progress });
      }
      await this.runs.addCounters(run.id, { ...usage });
      await this.runs.finish(run.id, 'succeeded');
      const finishedAt = new Date();
      await this.mailboxes.markSyncFinished(mailbox.id, true, finishedAt);
      this.metrics.runs.inc({ mode, outcome: 'succeeded' });
      this.logger.log({
        event: 'mailbox-sync-finished',
        mailboxId: mailbox.id,
        runId: run.id,
        mode,
        graphRequests: usage.graphRequests,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      });
      return { status: 'succeeded', runId: run.id, mode };
    } catch (error) {
      const action = classifySyncFailure(error);
      const message = safeErrorMessage(error);
      try {
        if (usage) await this.runs.addCounters(run.id, { ...usage });
        await this.runs.finish(run.id, 'failed', message);
        await this.mailboxes.markSyncFinished(mailbox.id, false);
      } catch (bookkeeping) {
        // PostgreSQL itself is failing: the retry (or the next run's
        // closeInterruptedRuns) settles the run row.
        throw new RetryableSyncError(
          `${message}; then ${safeErrorMessage(bookkeeping)}`,
        );
      }
      if (action.kind === 'mark-error') {
        await this.mailboxes.setStatus(
          job.orgId,
          mailbox.id,
          'error',
          action.reason,
        );
        this.metrics.runs.inc({ mode, outcome: 'mailbox-error' });
        this.logger.warn({
          event: 'mailbox-sync-stopped',
          mailboxId: mailbox.id,
          runId: run.id,
          error: message,
        });
        return {
          status: 'mailbox-error',
          runId: run.id,
          reason: action.reason,
        };
      }
      this.metrics.runs.inc({ mode, outcome: 'retry' });
      this.logger.warn({
        event: 'mailbox-sync-failed',
        mailboxId: mailbox.id,
        runId: run.id,
        attempt: attempt.attempt,
        maxAttempts: attempt.maxAttempts,
        error: message,
      });
      throw new RetryableSyncError(message, action.retryAfterMs);
    } finally {
      if (graphUserId) this.graph.stopTracking(graphUserId);
    }
  }

  /**
   * Runs left `running` by a worker that died (SIGKILL, OOM, lost host).
   * This job holds the mailbox's only Bull lock, so no other process is
   * still working on them.
   */
  private async closeInterruptedRuns(
    orgId: string,
    mailboxId: string,
  ): Promise<void> {
    for (const run of await this.runs.listForMailbox(orgId, mailboxId, 50)) {
      if (run.status === 'running')
        await this.runs.finish(run.id, 'failed', INTERRUPTED_RUN_ERROR);
    }
  }
}

const noLock = (): Promise<void> => Promise.resolve();

export const INTERRUPTED_RUN_ERROR =
  'Interrupted: the worker stopped before the run finished; a later run resumed from the last saved delta link';
