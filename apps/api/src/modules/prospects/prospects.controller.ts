import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Page } from '../../common/pagination.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import {
  BulkUpsertProspectsDto,
  CreateProspectDto,
  ImportReportDto,
  ProspectDto,
  SearchProspectsQueryDto,
  UpdateProspectDto,
} from './prospects.dto';
import { ProspectsService } from './prospects.service';

@ApiTags('prospects')
@Roles('admin')
@Controller('v1/prospects')
export class ProspectsController {
  constructor(private readonly service: ProspectsService) {}

  @Get()
  search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SearchProspectsQueryDto,
  ): Promise<Page<ProspectDto>> {
    return this.service.search(principal, query);
  }

  @Post()
  @ApiOkResponse({ type: ProspectDto })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProspectDto,
  ): Promise<ProspectDto> {
    return this.service.create(principal, body);
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOkResponse({ type: ImportReportDto })
  bulk(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BulkUpsertProspectsDto,
  ): Promise<ImportReportDto> {
    return this.service.bulkUpsert(principal, body);
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ImportReportDto })
  import(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Headers('content-type') contentType: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
  ): Promise<ImportReportDto> {
    return this.service.importCsv(
      principal,
      request,
      contentType,
      contentLength,
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: ProspectDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProspectDto> {
    return this.service.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProspectDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateProspectDto,
  ): Promise<ProspectDto> {
    return this.service.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.service.delete(principal, id);
  }
}
