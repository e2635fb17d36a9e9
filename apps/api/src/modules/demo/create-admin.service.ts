import { Inject, Injectable } from '@nestjs/common';
import { normaliseEmailAddress } from '@headersync/domain-model';
import {
  AuditEventRepository,
  SYSTEM_ACTOR,
  UserRepository,
} from '@headersync/domain-persistence';
import { API_OPTIONS, type ApiOptions } from '../../api-options';
import { hashPassword } from '../auth/password.util';
import { OrganizationRepository } from '../persistence/organization.repository';

export class CreateAdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CreateAdminError';
  }
}

export interface NewAdmin {
  readonly orgName: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
}

/** Refuses bad input before anything is opened; returns the trimmed org name. */
export function checkNewAdmin(input: NewAdmin): string {
  const orgName = input.orgName.trim();
  if (orgName === '' || orgName.length > 200)
    throw new CreateAdminError('--org must be 1 to 200 characters');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email))
    throw new CreateAdminError('--email must be an email address');
  // NIST SP 800-63B asks at least 8; an admin account without MFA gets 12.
  if (input.password.length < 12)
    throw new CreateAdminError(
      'the password (on standard input) must be at least 12 characters',
    );
  return orgName;
}

/** The first admin of a new org, for a deployment without the demo seed (`main.js create-admin`). */
@Injectable()
export class CreateAdminService {
  constructor(
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly audit: AuditEventRepository,
  ) {}

  async create(input: NewAdmin): Promise<{ orgId: string; userId: string }> {
    const orgName = checkNewAdmin(input);
    const org = await this.organizations.create(orgName);
    const user = await this.users.create({
      orgId: org.id,
      email: normaliseEmailAddress(input.email),
      displayName: input.displayName.trim() || input.email,
      role: 'admin',
      passwordHash: await hashPassword(
        input.password,
        this.options.passwordLogN,
      ),
    });
    await this.audit.record({
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      action: 'user.create-admin',
      entity: 'user',
      entityId: user.id,
      before: null,
      after: { email: user.email, role: 'admin' },
    });
    return { orgId: org.id, userId: user.id };
  }
}
