import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import { StatsDto, StatsQueryDto } from './stats.dto';
import { StatsService } from './stats.service';

@ApiTags('stats')
@Roles('admin')
@Controller('v1/stats')
export class StatsController {
  constructor(private readonly service: StatsService) {}

  @Get()
  @ApiOkResponse({ type: StatsDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StatsQueryDto,
  ): Promise<StatsDto> {
    return this.service.get(principal, query);
  }
}
