import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { GraphCredentialPurpose } from '@headersync/domain-model';
import {
  GraphCredentialRepository,
  type DecryptedGraphCredential,
} from '@headersync/domain-persistence';
import {
  GraphMailClient,
  type ClientCredential,
} from '@headersync/graph-client';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';

/** How a certificate credential's secret is stored (encrypted, as one JSON string). */
export interface StoredCertificateSecret {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

function clientCredentialOf(row: DecryptedGraphCredential): ClientCredential {
  if (row.kind === 'secret')
    return { kind: 'secret', clientSecret: row.secret };
  const stored = JSON.parse(row.secret) as StoredCertificateSecret;
  return {
    kind: 'certificate',
    thumbprintSha256: row.certificateThumbprint ?? '',
    privateKeyPem: stored.privateKeyPem,
    x5c: stored.certificatePem,
  };
}

/** Builds an org's Graph client from its stored credentials: the only place they are decrypted in the API. */
@Injectable()
export class GraphClientFactory {
  private readonly ca: Buffer | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly credentials: GraphCredentialRepository,
  ) {
    this.ca = config.graph.caCertPath
      ? readFileSync(config.graph.caCertPath)
      : undefined;
  }

  authorityUrl(tenantId: string): string {
    return `${this.config.graph.authorityHost.replace(/\/+$/, '')}/${tenantId}`;
  }

  /** null when the org has registered no app yet. */
  async forOrg(orgId: string): Promise<GraphMailClient | null> {
    const full = await this.credentials.getDecrypted(orgId, 'full');
    const header = await this.credentials.getDecrypted(orgId, 'header');
    const primary = header ?? full;
    if (!primary) return null;
    const app = (row: DecryptedGraphCredential) => ({
      clientId: row.clientId,
      credential: clientCredentialOf(row),
    });
    return GraphMailClient.fromApps({
      tenantId: primary.tenantId,
      authorityUrl: this.authorityUrl(primary.tenantId),
      graphBaseUrl: this.config.graph.baseUrl,
      ...(this.ca ? { ca: this.ca } : {}),
      apps: { header: app(primary), ...(full ? { body: app(full) } : {}) },
      // An interactive request: fail fast rather than wait out long backoffs.
      retry: { maxRetries: 1 },
    });
  }

  async tenantOf(
    orgId: string,
    purpose: GraphCredentialPurpose,
  ): Promise<{ tenantId: string; clientId: string } | null> {
    const rows = await this.credentials.list(orgId);
    const row = rows.find((r) => r.purpose === purpose);
    return row ? { tenantId: row.tenantId, clientId: row.clientId } : null;
  }
}
