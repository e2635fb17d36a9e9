import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { GraphCredentialRepository } from '@headersync/domain-persistence';
import type { DecryptedGraphCredential } from '@headersync/domain-persistence';
import {
  GraphMailClient,
  InProcessMailboxLimiter,
  MailboxRequestBudget,
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

/**
 * How the API stores a certificate credential's secret (encrypted, as one
 * JSON string; apps/api GraphConnectionService), with the SHA-256
 * thumbprint that MSAL sends as x5t#S256 (RFC 7515 §4.1.8) beside it.
 */
interface StoredCertificateSecret {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

function certificateOf(
  credential: DecryptedGraphCredential,
): StoredCertificateSecret {
  try {
    const stored = JSON.parse(
      credential.secret,
    ) as Partial<StoredCertificateSecret>;
    if (
      typeof stored.privateKeyPem === 'string' &&
      typeof stored.certificatePem === 'string' &&
      credential.certificateThumbprint
    )
      return {
        privateKeyPem: stored.privateKeyPem,
        certificatePem: stored.certificatePem,
      };
  } catch {
    // Not JSON: not a credential the API wrote.
  }
  throw new MissingGraphCredentialError();
}

function appOf(credential: DecryptedGraphCredential): GraphAppCredentials {
  if (credential.kind === 'secret')
    return {
      clientId: credential.clientId,
      credential: { kind: 'secret', clientSecret: credential.secret },
    };
  const certificate = certificateOf(credential);
  return {
    clientId: credential.clientId,
    credential: {
      kind: 'certificate',
      thumbprintSha256: credential.certificateThumbprint ?? '',
      privateKeyPem: certificate.privateKeyPem,
      x5c: certificate.certificatePem,
    },
  };
}

/** Changes whenever a stored credential does (kept in memory only). */
function cacheKeyOf(
  credentials: ReadonlyArray<DecryptedGraphCredential | null>,
): string {
  const hash = createHash('sha256');
  for (const c of credentials)
    hash.update(
      c
        ? [
            c.tenantId,
            c.clientId,
            c.kind,
            c.certificateThumbprint ?? '',
            c.secret,
          ].join('\u0000')
        : '-',
    );
  return hash.digest('hex');
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
 *
 * They also share one request budget, keyed by app and mailbox, that paces
 * requests under Outlook's GRAPH_MAILBOX_REQUEST_LIMIT per
 * GRAPH_MAILBOX_REQUEST_WINDOW_SECONDS. A mailbox job that moves to another
 * process starts that process's budget afresh: Graph's 429 and Retry-After
 * still guard that case.
 */
@Injectable()
export class GraphClientProvider
  implements GraphRequestListener, OnModuleDestroy
{
  private readonly clients = new Map<string, CachedClient>();
  private readonly limiter = new InProcessMailboxLimiter();
  private readonly budget: MailboxRequestBudget | undefined;
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
    this.budget =
      config.graph.mailboxRequestLimit > 0
        ? new MailboxRequestBudget({
            limit: config.graph.mailboxRequestLimit,
            windowMs: config.graph.mailboxRequestWindowSeconds * 1000,
          })
        : undefined;
  }

  async clientFor(orgId: string): Promise<GraphMailClient> {
    const full = await this.credentials.getDecrypted(orgId, 'full');
    if (!full) throw new MissingGraphCredentialError();
    const header = await this.credentials.getDecrypted(orgId, 'header');
    const key = cacheKeyOf([full, header]);
    const cached = this.clients.get(orgId);
    if (cached?.key === key) return cached.client;
    const apps = { header: appOf(header ?? full), body: appOf(full) };
    cached?.client.close();
    const client = GraphMailClient.fromApps({
      tenantId: full.tenantId,
      authorityUrl: `${this.config.graph.authorityHost.replace(/\/+$/, '')}/${full.tenantId}`,
      graphBaseUrl: this.config.graph.baseUrl,
      ...(this.ca ? { ca: this.ca } : {}),
      // Least privilege when the org registered two apps: the header pass
      // signs in as the Mail.ReadBasic.All app, body fetches as Mail.Read.All.
      apps,
      limiter: this.limiter,
      ...(this.budget ? { requestBudget: this.budget } : {}),
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
