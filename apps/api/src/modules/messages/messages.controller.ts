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
  ListMessagesQueryDto,
  MessageDto,
  MessageSummaryDto,
  PurgeMessagesDto,
  PurgeResultDto,
} from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@Controller('v1/messages')
export class MessagesController {
  constructor(private readonly service: MessagesService) {}

  @Get()
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMessagesQueryDto,
  ): Promise<Page<MessageSummaryDto>> {
    return this.service.list(principal, query);
  }

  @Post('purge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ type: PurgeResultDto })
  purge(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PurgeMessagesDto,
  ): Promise<PurgeResultDto> {
    return this.service.purge(principal, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: MessageDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MessageDto> {
    return this.service.get(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.service.delete(principal, id);
  }
}
