import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { GraphCredentialRepository } from '@headersync/domain-persistence';
import type { DecryptedGraphCredential } from '@headersync/domain-persistence';
import {
  GraphMailClient,
  InProcessMailboxLimiter,
  type GraphAppCredentials,
  type GraphBatchItemsEvent,
  type GraphRequestEvent,
  type GraphRequestListener,
} from '@headersync/graph-client';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { SyncMetrics } from '../metrics/sync.metrics';
import { MissingGraphCredentialError } from './sync-failure.util';

/** Graph usage of one mailbox during one run (for its SyncRun row). */
export interface MailboxGraphUsage {
  graphRequests: number;
  bytesHeader: number;
  bytesBody: number;
}

interface CachedClient {
  key: string;
  client: GraphMailClient;
}

function appOf(credential: DecryptedGraphCredential): GraphAppCredentials {
  return {
    clientId: credential.clientId,
    credential: { kind: 'secret', clientSecret: credential.secret },
  };
}

/**
 * One GraphMailClient per org (its two app registrations, MSAL token cache
 * and HTTPS agent), rebuilt when the stored credentials change.
 *
 * Every client shares ONE in-process per-mailbox limiter (4 concurrent
 * requests, Retry-After pauses). That is enough across processes because a
 * mailbox's Graph requests only ever come from the process that holds the
 * mailbox's single Bull job (deduplicated job id + Bull's job lock): the
 * mailbox is never worked on by two processes at once, so no Redis
 * semaphore is needed (docs/architecture.md, "Sync worker").
 */
@Injectable()
export class GraphClientProvider
  implements GraphRequestListener, OnModuleDestroy
{
  private readonly clients = new Map<string, CachedClient>();
  private readonly limiter = new InProcessMailboxLimiter();
  private readonly usage = new Map<string, MailboxGraphUsage>();
  private readonly ca: string | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: GraphCredentialRepository,
    private readonly metrics: SyncMetrics,
  ) {
    this.ca = config.graph.caCertPath
      ? readFileSync(config.graph.caCertPath, 'utf8')
      : undefined;
  }

  async clientFor(orgId: string): Promise<GraphMailClient> {
    const full = await this.credentials.getDecrypted(orgId, 'full');
    if (!full) throw new MissingGraphCredentialError();
    const header = await this.credentials.getDecrypted(orgId, 'header');
    if (full.kind !== 'secret' || (header && header.kind !== 'secret')) {
      // TODO(issue 5): certificate credentials need the SHA-256 thumbprint
      // MSAL wants; graph_credential stores the SHA-1 x5t only.
      throw new MissingGraphCredentialError();
    }
    const key = [full, header]
      .map((c) =>
        c
          ? `${c.clientId}:${c.keyVersion}:${c.rotatedAt?.getTime() ?? 0}`
          : '-',
      )
      .join('|');
    const cached = this.clients.get(orgId);
    if (cached?.key === key) return cached.client;
    cached?.client.close();
    const client = GraphMailClient.fromApps({
      tenantId: full.tenantId,
      authorityUrl: `${this.config.graph.authorityHost.replace(/\/+$/, '')}/${full.tenantId}`,
      graphBaseUrl: this.config.graph.baseUrl,
      ...(this.ca ? { ca: this.ca } : {}),
      // Least privilege when the org registered two apps: the header pass
      // signs in as the Mail.ReadBasic.All app, body fetches as Mail.Read.All.
      apps: { header: appOf(header ?? full), body: appOf(full) },
      limiter: this.limiter,
      listener: this,
    });
    this.clients.set(orgId, { key, client });
    return client;
  }

  /** Starts counting a mailbox's Graph usage (keyed by its Graph user id). */
  trackUsage(graphUserId: string): MailboxGraphUsage {
    const usage = { graphRequests: 0, bytesHeader: 0, bytesBody: 0 };
    this.usage.set(graphUserId, usage);
    return usage;
  }

  stopTracking(graphUserId: string): void {
    this.usage.delete(graphUserId);
  }

  onRequest(event: GraphRequestEvent): void {
    this.metrics.onRequest(event);
    const usage = event.mailbox ? this.usage.get(event.mailbox) : undefined;
    if (!usage) return;
    usage.graphRequests += event.graphRequests;
    if (event.purpose === 'body') usage.bytesBody += event.responseBytes;
    else usage.bytesHeader += event.responseBytes;
  }

  onBatchItems(event: GraphBatchItemsEvent): void {
    this.metrics.onBatchItems(event);
  }

  onModuleDestroy(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
