import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { VersionedOrgEmailSettings } from '@headersync/domain-persistence';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import {
  OrgEmailSettingsResponseDto,
  UpdateOrgEmailSettingsDto,
} from './org-settings.dto';
import { OrgSettingsService } from './org-settings.service';

@ApiTags('org settings')
@Controller('v1/org/email-settings')
export class OrgSettingsController {
  constructor(private readonly service: OrgSettingsService) {}

  @Get()
  @ApiOkResponse({ type: OrgEmailSettingsResponseDto })
  get(
    @CurrentPrincipal() principal: Principal,
  ): Promise<VersionedOrgEmailSettings> {
    return this.service.get(principal);
  }

  @Patch()
  @Roles('admin')
  @ApiOkResponse({ type: OrgEmailSettingsResponseDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateOrgEmailSettingsDto,
  ): Promise<VersionedOrgEmailSettings> {
    return this.service.update(principal, body);
  }
}
