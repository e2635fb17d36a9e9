import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { GraphCredentialPurpose } from '@headersync/domain-model';
import {
  AuditEventRepository,
  GraphCredentialRepository,
  MailboxRepository,
  type GraphCredentialInfo,
} from '@headersync/domain-persistence';
import {
  GraphIntegrationError,
  type GraphUser,
} from '@headersync/graph-client';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { fieldErrors } from '../../common/field-errors';
import type { Principal } from '../auth/auth.types';
import { ApiRedis } from '../redis/redis.module';
import type {
  AdminConsentCallbackQueryDto,
  ConnectionTestResultDto,
  ConnectionTestStepDto,
  GraphCredentialInfoDto,
  RegisterGraphCredentialDto,
} from './graph-connection.dto';
import {
  GraphClientFactory,
  type StoredCertificateSecret,
} from './graph-client.factory';

const CONSENT_STATE_TTL_SECONDS = 10 * 60;

function toDto(info: GraphCredentialInfo): GraphCredentialInfoDto {
  // Built field by field: nothing secret can ride along.
  return {
    id: info.id,
    purpose: info.purpose,
    tenantId: info.tenantId,
    clientId: info.clientId,
    kind: info.kind,
    certificateThumbprint: info.certificateThumbprint,
    createdAt: info.createdAt,
    rotatedAt: info.rotatedAt,
  };
}

/** What a failure may tell the admin: our typed error's kind and Graph's code, no payload. */
export function describeGraphFailure(error: unknown): string {
  if (error instanceof GraphIntegrationError)
    return `${error.kind}${error.code ? ` (${error.code})` : ''}${error.status ? `, HTTP ${error.status}` : ''}`;
  return 'unexpected error';
}

@Injectable()
export class GraphConnectionService {
  constructor(
    private readonly credentials: GraphCredentialRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly audit: AuditEventRepository,
    private readonly clients: GraphClientFactory,
    private readonly redis: ApiRedis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(principal: Principal): Promise<GraphCredentialInfoDto[]> {
    return (await this.credentials.list(principal.orgId)).map(toDto);
  }

  async register(
    principal: Principal,
    purpose: GraphCredentialPurpose,
    dto: RegisterGraphCredentialDto,
  ): Promise<GraphCredentialInfoDto> {
    let secret: string;
    let thumbprint: string | null = null;
    if (dto.kind === 'secret') {
      secret = dto.clientSecret ?? '';
    } else {
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(dto.certificatePem ?? '');
      } catch {
        throw fieldErrors([
          {
            field: 'certificatePem',
            message: 'is not a readable X.509 certificate',
          },
        ]);
      }
      try {
        const key = createPrivateKey(dto.privateKeyPem ?? '');
        if (!certificate.checkPrivateKey(key))
          throw fieldErrors([
            {
              field: 'privateKeyPem',
              message: 'does not match the certificate',
            },
          ]);
      } catch (error) {
        if (error instanceof BadRequestException) throw error;
        throw fieldErrors([
          { field: 'privateKeyPem', message: 'is not a readable private key' },
        ]);
      }
      // MSAL sends the SHA-256 thumbprint as x5t#S256 (RFC 7515 §4.1.8).
      thumbprint = certificate.fingerprint256.replace(/:/g, '').toLowerCase();
      const stored: StoredCertificateSecret = {
        privateKeyPem: dto.privateKeyPem ?? '',
        certificatePem: dto.certificatePem ?? '',
      };
      secret = JSON.stringify(stored);
    }
    const info = await this.credentials.save({
      orgId: principal.orgId,
      purpose,
      tenantId: dto.tenantId.toLowerCase(),
      clientId: dto.clientId.toLowerCase(),
      kind: dto.kind,
      secret,
      certificateThumbprint: thumbprint,
    });
    await this.audit.record({
      orgId: principal.orgId,
      actor: { userId: principal.userId, label: principal.email },
      action: 'graph-credential.register',
      entity: 'graph_credential',
      entityId: info.id,
      before: null,
      // Ids and key version only: never the secret.
      after: {
        purpose,
        tenantId: info.tenantId,
        clientId: info.clientId,
        kind: info.kind,
        keyVersion: info.keyVersion,
      },
    });
    return toDto(info);
  }

  async remove(
    principal: Principal,
    purpose: GraphCredentialPurpose,
  ): Promise<void> {
    if (!(await this.credentials.delete(principal.orgId, purpose)))
      throw new NotFoundException('No credential for this purpose');
    await this.audit.record({
      orgId: principal.orgId,
      actor: { userId: principal.userId, label: principal.email },
      action: 'graph-credential.remove',
      entity: 'graph_credential',
      entityId: null,
      before: { purpose },
      after: null,
    });
  }

  /** https://learn.microsoft.com/entra/identity-platform/v2-admin-consent */
  async adminConsentUrl(principal: Principal): Promise<{ url: string }> {
    const app =
      (await this.clients.tenantOf(principal.orgId, 'full')) ??
      (await this.clients.tenantOf(principal.orgId, 'header'));
    if (!app) throw new NotFoundException('Register the app credentials first');
    const state = randomBytes(24).toString('base64url');
    await this.redis.client.set(
      `consent:${state}`,
      principal.orgId,
      'EX',
      CONSENT_STATE_TTL_SECONDS,
    );
    const url = new URL(
      `${this.clients.authorityUrl(app.tenantId)}/adminconsent`,
    );
    url.searchParams.set('client_id', app.clientId);
    url.searchParams.set('redirect_uri', this.consentRedirectUri());
    url.searchParams.set('state', state);
    return { url: url.toString() };
  }

  consentRedirectUri(): string {
    return `${this.config.publicAdminUrl}/api/v1/graph-connection/admin-consent/callback`;
  }

  /** Where to send the admin's browser back to, with the outcome. */
  async adminConsentCallback(
    query: AdminConsentCallbackQueryDto,
  ): Promise<string> {
    const back = new URL(`${this.config.publicAdminUrl}/graph-connection`);
    const orgId = query.state
      ? await this.redis.client.getdel(`consent:${query.state}`)
      : null;
    if (!orgId) {
      back.searchParams.set('consent', 'invalid-state');
      return back.toString();
    }
    const granted =
      query.error === undefined &&
      query.admin_consent?.toLowerCase() === 'true';
    await this.audit.record({
      orgId,
      actor: { userId: null, label: 'microsoft-admin-consent' },
      action: granted
        ? 'graph-connection.consent-granted'
        : 'graph-connection.consent-denied',
      entity: 'graph_credential',
      entityId: null,
      before: null,
      // Error codes only; Entra's descriptions are free text.
      after: { tenant: query.tenant ?? null, error: query.error ?? null },
    });
    back.searchParams.set('consent', granted ? 'granted' : 'denied');
    return back.toString();
  }

  /** Acquires a token and reads one mailbox, reporting each step. */
  async test(
    principal: Principal,
    upn?: string,
  ): Promise<ConnectionTestResultDto> {
    const client = await this.clients.forOrg(principal.orgId);
    if (!client)
      throw new NotFoundException('Register the app credentials first');
    const steps: ConnectionTestStepDto[] = [];
    try {
      const target =
        upn ??
        (await this.mailboxes.listByOrg(principal.orgId))[0]?.userPrincipalName;
      try {
        const page = await client.listUsers(1).next();
        steps.push({ step: 'token and directory', ok: true });
        const first = page.value as GraphUser[] | undefined;
        const mailbox = target ?? first?.[0]?.userPrincipalName;
        if (!mailbox) {
          steps.push({
            step: 'read mailbox',
            ok: false,
            error: 'no mailbox to read',
          });
        } else {
          await client.getMailFolder(mailbox, 'inbox');
          steps.push({ step: 'read mailbox', ok: true });
        }
      } catch (error) {
        steps.push({
          step: steps.length === 0 ? 'token and directory' : 'read mailbox',
          ok: false,
          error: describeGraphFailure(error),
        });
      }
    } finally {
      client.close();
    }
    return { ok: steps.every((s) => s.ok), steps };
  }

  async discoverUsers(
    principal: Principal,
    limit: number,
  ): Promise<{ items: (GraphUser & { added: boolean })[] }> {
    const client = await this.clients.forOrg(principal.orgId);
    if (!client)
      throw new NotFoundException('Register the app credentials first');
    const existing = new Set(
      (await this.mailboxes.listByOrg(principal.orgId)).map(
        (m) => m.userPrincipalName,
      ),
    );
    const items: (GraphUser & { added: boolean })[] = [];
    try {
      for await (const page of client.listUsers(Math.min(limit, 999))) {
        for (const user of page) {
          items.push({
            id: user.id,
            userPrincipalName: user.userPrincipalName,
            mail: user.mail,
            displayName: user.displayName,
            added: existing.has(user.userPrincipalName.toLowerCase()),
          });
          if (items.length >= limit) break;
        }
        if (items.length >= limit) break;
      }
    } catch (error) {
      throw new BadRequestException(
        `Graph refused: ${describeGraphFailure(error)}`,
      );
    } finally {
      client.close();
    }
    return { items };
  }
}
