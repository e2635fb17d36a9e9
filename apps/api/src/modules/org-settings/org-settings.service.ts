import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { VersionedOrgEmailSettings } from '@headersync/domain-persistence';
import {
  OrgSettingsConflictError,
  OrgSettingsService as SettingsLibService,
  OrgSettingsValidationError,
} from '@headersync/settings';
import { fieldErrors } from '../../common/field-errors';
import type { Principal } from '../auth/auth.types';
import type { UpdateOrgEmailSettingsDto } from './org-settings.dto';

/** The settings lib's service, with its errors mapped to HTTP. */
@Injectable()
export class OrgSettingsService {
  constructor(
    @Inject(SettingsLibService) private readonly settings: SettingsLibService,
  ) {}

  get(principal: Principal): Promise<VersionedOrgEmailSettings> {
    return this.settings.get(principal.orgId);
  }

  async update(
    principal: Principal,
    dto: UpdateOrgEmailSettingsDto,
  ): Promise<VersionedOrgEmailSettings> {
    const { version, ...update } = dto;
    try {
      return await this.settings.update(
        principal.orgId,
        { userId: principal.userId, label: principal.email },
        update,
        version === undefined ? {} : { expectedVersion: version },
      );
    } catch (error) {
      if (error instanceof OrgSettingsValidationError)
        throw fieldErrors(error.issues);
      if (error instanceof OrgSettingsConflictError)
        throw new ConflictException(error.message);
      throw error;
    }
  }
}
