import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import {
  AuditEventRepository,
  GraphCredentialRepository,
  MailboxRepository,
  ProspectRepository,
  SYSTEM_ACTOR,
  UserRepository,
} from '@headersync/domain-persistence';
import { APP_CONFIG, type AppConfig } from '@headersync/settings';
import { API_OPTIONS, type ApiOptions } from '../../api-options';
import { hashPassword } from '../auth/password.util';
import { SyncQueueService } from '../mailboxes/sync-queue.service';
import { OrganizationRepository } from '../persistence/organization.repository';

/** The part of the simulator's --credentials-out file the seed uses. */
interface SimulatorTenant {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly users: readonly { id: string; userPrincipalName: string }[];
  readonly prospectsPath?: string;
}

interface ProspectRow {
  readonly email: string;
  readonly accountDomain?: string;
  readonly name?: string;
}

export const DEMO_ORG_NAME = 'Demo org';

export type DemoSeedResult =
  | { readonly seeded: false }
  | {
      readonly seeded: true;
      readonly orgId: string;
      readonly mailboxes: number;
      readonly prospects: number;
    };

/**
 * `npm start` without Microsoft 365: an org connected to the simulated
 * tenant, with its mailboxes, prospects, an admin and a member. Runs only on
 * an empty database, so a developer's own data is never touched.
 */
@Injectable()
export class DemoSeedService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly credentials: GraphCredentialRepository,
    private readonly mailboxes: MailboxRepository,
    private readonly prospects: ProspectRepository,
    private readonly audit: AuditEventRepository,
    private readonly queue: SyncQueueService,
  ) {}

  async seedIfEmpty(): Promise<DemoSeedResult> {
    const demo = this.config.demo;
    if (!demo || (await this.organizations.count()) > 0)
      return { seeded: false };
    const tenant = JSON.parse(
      await readFile(demo.simulatorCredentialsPath, 'utf8'),
    ) as SimulatorTenant;

    const org = await this.organizations.create(DEMO_ORG_NAME);
    const logN = this.options.passwordLogN;
    await this.users.create({
      orgId: org.id,
      email: demo.adminEmail,
      displayName: 'Demo Admin',
      role: 'admin',
      passwordHash: await hashPassword(demo.adminPassword, logN),
    });
    await this.users.create({
      orgId: org.id,
      email: demo.memberEmail,
      displayName: 'Demo Member',
      role: 'member',
      passwordHash: await hashPassword(demo.memberPassword, logN),
    });
    await this.credentials.save({
      orgId: org.id,
      purpose: 'full',
      tenantId: tenant.tenantId.toLowerCase(),
      clientId: tenant.clientId.toLowerCase(),
      kind: 'secret',
      secret: tenant.clientSecret,
    });
    const mailboxIds: string[] = [];
    for (const user of tenant.users) {
      const mailbox = await this.mailboxes.create(
        org.id,
        user.userPrincipalName,
        user.id,
      );
      mailboxIds.push(mailbox.id);
    }
    let prospects = 0;
    if (tenant.prospectsPath) {
      const rows = JSON.parse(
        await readFile(tenant.prospectsPath, 'utf8'),
      ) as ProspectRow[];
      for (let i = 0; i < rows.length; i += 500) {
        const batch = rows.slice(i, i + 500).map((row) => ({
          email: row.email,
          accountDomain: row.accountDomain ?? null,
          name: row.name ?? null,
        }));
        await this.prospects.upsertMany(org.id, batch);
        prospects += batch.length;
      }
    }
    await this.audit.record({
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      action: 'demo.seed',
      entity: 'organization',
      entityId: org.id,
      before: null,
      after: { mailboxes: mailboxIds.length, prospects },
    });
    for (const id of mailboxIds)
      await this.queue.enqueue(org.id, id, 'initial');
    return {
      seeded: true,
      orgId: org.id,
      mailboxes: mailboxIds.length,
      prospects,
    };
  }
}
