import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import {
  AdminConsentCallbackQueryDto,
  ConnectionTestDto,
  ConnectionTestResultDto,
  DiscoverUsersQueryDto,
  GraphCredentialInfoDto,
  PurposeParamDto,
  RegisterGraphCredentialDto,
} from './graph-connection.dto';
import { GraphConnectionService } from './graph-connection.service';

@ApiTags('graph connection')
@Roles('admin')
@Controller('v1/graph-connection')
export class GraphConnectionController {
  constructor(private readonly service: GraphConnectionService) {}

  @Get('credentials')
  @ApiOkResponse({ type: [GraphCredentialInfoDto] })
  list(
    @CurrentPrincipal() principal: Principal,
  ): Promise<GraphCredentialInfoDto[]> {
    return this.service.list(principal);
  }

  @Put('credentials/:purpose')
  @ApiOkResponse({ type: GraphCredentialInfoDto })
  register(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PurposeParamDto,
    @Body() body: RegisterGraphCredentialDto,
  ): Promise<GraphCredentialInfoDto> {
    return this.service.register(principal, params.purpose, body);
  }

  @Delete('credentials/:purpose')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param() params: PurposeParamDto,
  ): Promise<void> {
    return this.service.remove(principal, params.purpose);
  }

  @Get('admin-consent-url')
  adminConsentUrl(
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ url: string }> {
    return this.service.adminConsentUrl(principal);
  }

  // Entra redirects the admin's browser here; the one-time state ties it to the org.
  @Public()
  @Get('admin-consent/callback')
  async adminConsentCallback(
    @Query() query: AdminConsentCallbackQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    response.redirect(302, await this.service.adminConsentCallback(query));
  }

  @Post('test')
  @HttpCode(200)
  @ApiOkResponse({ type: ConnectionTestResultDto })
  test(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ConnectionTestDto,
  ): Promise<ConnectionTestResultDto> {
    return this.service.test(principal, body.userPrincipalName);
  }

  @Get('users')
  discoverUsers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DiscoverUsersQueryDto,
  ) {
    return this.service.discoverUsers(principal, query.limit);
  }
}
