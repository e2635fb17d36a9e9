import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '../../common/pagination.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import {
  AddMailboxDto,
  ListMailboxesQueryDto,
  MailboxDto,
} from './mailboxes.dto';
import { MailboxesService } from './mailboxes.service';

@ApiTags('mailboxes')
@Controller('v1/mailboxes')
export class MailboxesController {
  constructor(private readonly service: MailboxesService) {}

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMailboxesQueryDto,
  ): Promise<Page<MailboxDto>> {
    return this.service.list(principal, query);
  }

  @Post()
  @Roles('admin')
  @ApiOkResponse({ type: MailboxDto })
  add(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AddMailboxDto,
  ): Promise<MailboxDto> {
    return this.service.add(principal, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: MailboxDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MailboxDto> {
    return this.service.get(principal, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('admin')
  pause(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MailboxDto> {
    return this.service.setPaused(principal, id, true);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin')
  resume(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MailboxDto> {
    return this.service.setPaused(principal, id, false);
  }

  @Post(':id/sync')
  @HttpCode(202)
  @Roles('admin')
  sync(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.service.syncNow(principal, id, false);
  }

  @Post(':id/rescan')
  @HttpCode(202)
  @Roles('admin')
  rescan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ) {
    return this.service.syncNow(principal, id, true);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.service.remove(principal, id);
  }
}
