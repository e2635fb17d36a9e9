import { Inject, Injectable, Logger } from '@nestjs/common';
import type {
  MailFolder,
  OrgEmailSettings,
  SyncMode,
  SyncTrigger,
} from '@headersync/domain-model';
import {
  MAX_MESSAGES_PER_UPSERT,
  MailboxFolderStateRepository,
  ProspectRepository,
  StoredMessageRepository,
  SyncRunRepository,
  TransactionRunner,
  dedupeKeyOf,
} from '@headersync/domain-persistence';
import {
  DeltaExpiredError,
  GraphAccessDeniedError,
  GraphAuthenticationError,
  GraphThrottledError,
  MailboxUnavailableError,
  type BatchItemFailure,
  type FullMessage,
  type GraphMailClient,
  type HeaderMessage,
  type HeaderPage,
} from '@headersync/graph-client';
import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  orgPolicyOptions,
  refineWithBody,
  type ClassificationContext,
  type Decision,
} from '@headersync/header-classifier';
import { SyncMetrics } from '../metrics/sync.metrics';
import { prefetchOne } from './prefetch.util';
import {
  JobLockLostError,
  RetryableSyncError,
  safeErrorMessage,
} from './sync-failure.util';
import {
  directionOfFolder,
  ignoreReasonOf,
  participantAddressesOf,
  toClassifierMessage,
  toStoredMessageInput,
} from './sync-message.util';

const DAY_MS = 86_400_000;

/** What one mailbox's run needs to sync its folders. */
export interface MailboxRunContext {
  readonly orgId: string;
  readonly mailboxId: string;
  readonly graphUserId: string;
  readonly runId: string;
  readonly mode: SyncMode;
  readonly trigger: SyncTrigger;
  readonly settings: OrgEmailSettings;
  readonly ownerAddresses: readonly string[];
  readonly client: GraphMailClient;
  readonly pageSize: number;
  readonly startedAt: Date;
  /** Throws when this process lost the mailbox's job lock (SyncAttempt.ensureLockHeld). */
  readonly ensureLockHeld: () => Promise<void>;
  /** Called once each page is committed, with what it did. */
  readonly onPageCommitted?: (page: CommittedPage) => Promise<void>;
}

/** What one committed page did: counts only, never message data. */
export interface CommittedPage {
  readonly seen: number;
  readonly fetched: number;
  readonly stored: number;
  readonly removed: number;
}

interface PageCounters {
  seen: number;
  fetched: number;
  updated: number;
  /** Copies of emails the org had stored from another mailbox, recorded without a download. */
  attached: number;
  ignored: Record<string, number>;
}

type FullHeaderMessage = Extract<HeaderMessage, { partial: false }>;

/**
 * Syncs one folder of one mailbox: a round of Graph delta pages, each page
 * classified and committed before the next is read, the round's deltaLink
 * saved last. A crash anywhere replays the round from the previous deltaLink;
 * every write is an idempotent upsert or delete, so a replay neither loses
 * nor duplicates a message.
 */
@Injectable()
export class FolderSyncService {
  private readonly logger = new Logger(FolderSyncService.name);

  constructor(
    private readonly folderStates: MailboxFolderStateRepository,
    private readonly prospects: ProspectRepository,
    private readonly storedMessages: StoredMessageRepository,
    private readonly runs: SyncRunRepository,
    private readonly transactions: TransactionRunner,
    @Inject(SyncMetrics) private readonly metrics: SyncMetrics,
  ) {}

  async syncFolder(ctx: MailboxRunContext, folder: MailFolder): Promise<void> {
    const state = await this.folderStates.getOrCreate(ctx.mailboxId, folder);
    // A rescan re-reads the backfill window from scratch (headers only, no
    // bodies for ignored mail) so that prospects added since are matched.
    let deltaLink =
      ctx.trigger === 'rescan' ? undefined : (state.deltaLink ?? undefined);
    await this.folderStates.setStatus(ctx.mailboxId, folder, 'syncing');
    for (let restarts = 0; ; restarts++) {
      try {
        await this.runRound(ctx, folder, deltaLink);
        return;
      } catch (error) {
        // 410 Gone / SyncStateNotFound: start the folder's delta again
        // (https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset).
        // Upserts keyed on (mailbox, Graph id) keep the replay from
        // duplicating what is stored.
        if (error instanceof DeltaExpiredError && restarts < 2) {
          this.logger.warn({
            event: 'delta-reset',
            mailboxId: ctx.mailboxId,
            folder,
            reason: error.reason,
          });
          await this.folderStates.resetDelta(ctx.mailboxId, folder);
          deltaLink = undefined;
          continue;
        }
        // The folder says why it stopped (its delta link stays: the retry
        // resumes from there). Not when another process took the job over:
        // the folder is that process's now.
        if (!(error instanceof JobLockLostError))
          await this.folderStates
            .setStatus(ctx.mailboxId, folder, 'error', safeErrorMessage(error))
            .catch(() => undefined);
        throw error;
      }
    }
  }

  private async runRound(
    ctx: MailboxRunContext,
    folder: MailFolder,
    deltaLink: string | undefined,
  ): Promise<void> {
    const since = deltaLink
      ? undefined
      : new Date(ctx.startedAt.getTime() - ctx.settings.backfillDays * DAY_MS);
    const pages = ctx.client.folderHeaderPages(ctx.graphUserId, folder, {
      ...(deltaLink ? { deltaLink } : {}),
      ...(since ? { since } : {}),
      pageSize: ctx.pageSize,
    });
    // A fresh round (first sync, rescan, after a 410) lists every message of
    // the window; a stored copy it did not list was deleted while no delta
    // link could tell us (Graph's @removed only reaches an unbroken chain).
    const listed = since ? new Set<string>() : undefined;
    // The next page is requested while this one is classified, downloaded
    // and committed; commits stay in page order.
    for await (const page of prefetchOne(pages)) {
      await ctx.ensureLockHeld();
      if (listed) for (const m of page.messages) listed.add(m.id);
      await this.processPage(ctx, folder, page);
      if (page.deltaLink) {
        await ctx.ensureLockHeld();
        if (listed && since)
          await this.removeUnlisted(ctx, folder, since, listed);
        // Only now: every page of the round is committed.
        await this.folderStates.saveDeltaLink(
          ctx.mailboxId,
          folder,
          page.deltaLink,
        );
      }
    }
  }

  private async removeUnlisted(
    ctx: MailboxRunContext,
    folder: MailFolder,
    since: Date,
    listed: ReadonlySet<string>,
  ): Promise<void> {
    // A day's margin inside the window: a stored message's receivedAt comes
    // from whichever mailbox's copy was written last, so a copy right at the
    // window's edge may not have been listed by this mailbox's filter.
    const receivedFrom = new Date(since.getTime() + DAY_MS);
    const stale = (
      await this.storedMessages.findCopyGraphIds(
        ctx.mailboxId,
        folder,
        receivedFrom,
      )
    ).filter((id) => !listed.has(id));
    if (stale.length === 0) return;
    const removed = await this.transactions.run(async (tx) => {
      const n = await this.storedMessages.removeCopies(
        ctx.mailboxId,
        stale,
        tx,
      );
      await this.runs.addCounters(ctx.runId, { removed: n }, tx);
      return n;
    });
    this.metrics.messagesRemoved.inc({ mode: ctx.mode }, removed);
    this.logger.log({
      event: 'stale-copies-removed',
      mailboxId: ctx.mailboxId,
      folder,
      count: removed,
    });
  }

  private async processPage(
    ctx: MailboxRunContext,
    folder: MailFolder,
    page: HeaderPage,
  ): Promise<void> {
    const counters: PageCounters = {
      seen: 0,
      fetched: 0,
      updated: 0,
      attached: 0,
      ignored: {},
    };
    const full: FullHeaderMessage[] = [];
    for (const message of page.messages) {
      // An update may carry only the changed properties (a read flag): it
      // never re-classifies a message from partial fields.
      if (message.partial) counters.updated += 1;
      else full.push(message);
    }
    counters.seen = full.length;
    // A message stored already (an update that came back whole, a replayed
    // page) is not downloaded again.
    const stored = await this.storedMessages.findStoredGraphIds(
      ctx.mailboxId,
      full.map((m) => m.id),
    );
    counters.updated += full.filter((m) => stored.has(m.id)).length;
    const candidates = full.filter((m) => !stored.has(m.id));

    const context = await this.classificationContext(ctx, folder, candidates);
    const keep =
      ctx.mode === 'standard'
        ? await this.decideStandard(ctx, candidates, context, counters)
        : await this.decideHeaderBased(
            ctx,
            folder,
            candidates,
            context,
            counters,
          );

    const inputs = keep
      .map(({ message, decision }) =>
        toStoredMessageInput({
          orgId: ctx.orgId,
          mailboxId: ctx.mailboxId,
          folder,
          message,
          decision,
          fallbackReceivedAt: ctx.startedAt,
        }),
      )
      // One email is often in several mailboxes synced at once (a rep's
      // Sent Items, a colleague's Inbox): upserting rows in one global order
      // keeps two pages' transactions from deadlocking on each other.
      .sort((a, b) => compareKeys(dedupeKeyOf(a), dedupeKeyOf(b)));
    const removedIds = page.removed.map((r) => r.id);
    const result = await this.transactions.run(async (tx) => {
      // A page may keep more messages than one statement takes (page sizes
      // go up to 999); the chunks share the page's transaction.
      const upserted = { inserted: 0, updated: 0 };
      for (let i = 0; i < inputs.length; i += MAX_MESSAGES_PER_UPSERT) {
        const chunk = await this.storedMessages.upsertMany(
          inputs.slice(i, i + MAX_MESSAGES_PER_UPSERT),
          tx,
        );
        upserted.inserted += chunk.inserted;
        upserted.updated += chunk.updated;
      }
      const removed = await this.storedMessages.removeCopies(
        ctx.mailboxId,
        removedIds,
        tx,
      );
      await this.runs.addCounters(
        ctx.runId,
        {
          seen: counters.seen,
          fetched: counters.fetched,
          stored: upserted.inserted + counters.attached,
          updated: counters.updated + upserted.updated,
          removed,
          ignored: counters.ignored,
        },
        tx,
      );
      return { stored: upserted.inserted + counters.attached, removed };
    });
    await ctx.onPageCommitted?.({
      seen: counters.seen,
      fetched: counters.fetched,
      stored: result.stored,
      removed: result.removed,
    });
    this.metrics.messagesSeen.inc({ mode: ctx.mode }, counters.seen);
    this.metrics.messagesFetched.inc({ mode: ctx.mode }, counters.fetched);
    this.metrics.messagesStored.inc({ mode: ctx.mode }, result.stored);
    this.metrics.messagesRemoved.inc({ mode: ctx.mode }, result.removed);
    this.metrics.countIgnored(ctx.mode, counters.ignored);
  }

  /** All participant addresses of the page resolved against the org's prospects in one query. */
  private async classificationContext(
    ctx: MailboxRunContext,
    folder: MailFolder,
    messages: readonly FullHeaderMessage[],
  ): Promise<ClassificationContext> {
    const s = ctx.settings;
    const matches = await this.prospects.findMatching(
      ctx.orgId,
      participantAddressesOf(messages),
      { byDomain: s.matchProspectsByDomain },
    );
    return createClassificationContext(
      orgPolicyOptions(s, {
        ownerAddresses: ctx.ownerAddresses,
        direction: directionOfFolder(folder),
        prospects: createProspectMatcher({
          addresses: matches.prospects.map((p) => p.email),
          accountDomains: [...matches.accountDomains],
          matchByDomain: s.matchProspectsByDomain,
        }),
      }),
    );
  }

  /** Standard sync, the baseline: every message downloaded in full, the same classifier decides. */
  private async decideStandard(
    ctx: MailboxRunContext,
    candidates: readonly FullHeaderMessage[],
    context: ClassificationContext,
    counters: PageCounters,
  ): Promise<Kept[]> {
    const fetched = await this.download(
      ctx,
      candidates.map((m) => m.id),
    );
    counters.fetched += fetched.length;
    const decided = fetched.map((message) => ({
      message,
      decision: classifyHeaders(toClassifierMessage(message), context),
    }));
    return this.refineAndKeep(decided, context, counters, true);
  }

  /** Header-based sync: classify the delta's headers; download only what is relevant. */
  private async decideHeaderBased(
    ctx: MailboxRunContext,
    folder: MailFolder,
    candidates: readonly FullHeaderMessage[],
    context: ClassificationContext,
    counters: PageCounters,
  ): Promise<Kept[]> {
    const decisions = new Map<string, Decision>();
    const byId = new Map<string, FullHeaderMessage>();
    for (const m of candidates) {
      byId.set(m.id, m);
      decisions.set(m.id, classifyHeaders(toClassifierMessage(m), context));
    }
    // needs-headers: Graph's delta did not return internetMessageHeaders;
    // ask for them alone (a body-less $batch) and classify again.
    const needHeaders = [...decisions]
      .filter(([, d]) => d.action === 'needs-headers')
      .map(([id]) => id);
    if (needHeaders.length > 0) {
      const headers = await ctx.client.fetchInternetMessageHeaders(
        ctx.graphUserId,
        needHeaders,
      );
      throwIfFailed(headers.failed);
      for (const id of headers.missing) decisions.delete(id);
      for (const item of headers.items) {
        const message = byId.get(item.id);
        if (!message) continue;
        const withHeaders = {
          ...message,
          internetMessageHeaders: item.internetMessageHeaders,
        };
        byId.set(item.id, withHeaders);
        decisions.set(
          item.id,
          classifyHeaders(toClassifierMessage(withHeaders), context),
        );
      }
    }
    const relevant: string[] = [];
    for (const [id, decision] of decisions) {
      if (decision.action === 'fetch') relevant.push(id);
      else countIgnored(counters, decision);
    }
    // One email is often in several of the org's mailboxes (the rep's Sent
    // Items, a colleague's Inbox): when another mailbox stored it already
    // (same Message-ID), this mailbox's copy is recorded without downloading
    // the body again.
    const attached = await this.storedMessages.attachCopiesByInternetMessageId(
      ctx.orgId,
      ctx.mailboxId,
      relevant.flatMap((id) => {
        const imid = byId.get(id)?.internetMessageId;
        return imid
          ? [
              {
                graphId: id,
                folder,
                direction: directionOfFolder(folder),
                internetMessageId: imid,
              },
            ]
          : [];
      }),
    );
    counters.attached += attached.size;
    const toFetch = relevant.filter((id) => !attached.has(id));
    const fetched = await this.download(ctx, toFetch);
    counters.fetched += fetched.length;
    const decided = fetched.flatMap((message) => {
      const decision = decisions.get(message.id);
      return decision ? [{ message, decision }] : [];
    });
    return this.refineAndKeep(decided, context, counters, false);
  }

  private refineAndKeep(
    decided: ReadonlyArray<{ message: FullMessage; decision: Decision }>,
    context: ClassificationContext,
    counters: PageCounters,
    countHeaderIgnores: boolean,
  ): Kept[] {
    const keep: Kept[] = [];
    for (const { message, decision } of decided) {
      if (decision.action !== 'fetch') {
        if (countHeaderIgnores) countIgnored(counters, decision);
        continue;
      }
      const refined = refineWithBody(
        decision,
        toClassifierMessage(message),
        context,
      );
      if (refined.action === 'fetch') keep.push({ message, decision: refined });
      else countIgnored(counters, refined);
    }
    return keep;
  }

  /** Full messages in $batches of 20 (graph-client); items still failing make the attempt retry. */
  private async download(
    ctx: MailboxRunContext,
    ids: readonly string[],
  ): Promise<FullMessage[]> {
    if (ids.length === 0) return [];
    const result = await ctx.client.fetchFullMessages(ctx.graphUserId, ids, {
      attachments: false,
    });
    throwIfFailed(result.failed);
    // `missing`: deleted since the header pass; delta reports the removal.
    return result.items;
  }
}

interface Kept {
  message: FullMessage;
  decision: ReturnType<typeof refineWithBody>;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function countIgnored(counters: PageCounters, decision: Decision): void {
  const reason = ignoreReasonOf(decision);
  counters.ignored[reason] = (counters.ignored[reason] ?? 0) + 1;
}

function throwIfFailed(failed: readonly BatchItemFailure[]): void {
  if (failed.length === 0) return;
  // A mailbox deleted or consent revoked between two requests answers the
  // batch's items, not the envelope: stop the mailbox now, not after the
  // job's retries.
  const final = failed
    .map((f) => f.error)
    .find(
      (e) =>
        e instanceof MailboxUnavailableError ||
        e instanceof GraphAccessDeniedError ||
        e instanceof GraphAuthenticationError,
    );
  if (final) throw final;
  const throttled = failed
    .map((f) => f.error)
    .filter((e): e is GraphThrottledError => e instanceof GraphThrottledError);
  const retryAfter = Math.max(0, ...throttled.map((e) => e.retryAfterMs ?? 0));
  throw new RetryableSyncError(
    `${failed.length} Graph batch item(s) still failing after retries (${failed[0]?.error.message ?? 'unknown'})`,
    retryAfter > 0 ? retryAfter : undefined,
  );
}
