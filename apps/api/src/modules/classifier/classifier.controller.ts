import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/auth.types';
import {
  ClassifierDryRunDto,
  ClassifierDryRunResultDto,
} from './classifier.dto';
import { ClassifierService } from './classifier.service';

@ApiTags('classifier')
@Roles('admin')
@Controller('v1/classifier')
export class ClassifierController {
  constructor(private readonly service: ClassifierService) {}

  // Rate limited: it runs a prospect lookup per call and would otherwise
  // make a cheap oracle for which addresses are the org's prospects.
  @Post('dry-run')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ 'sign-in': true })
  @ApiOkResponse({ type: ClassifierDryRunResultDto })
  dryRun(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ClassifierDryRunDto,
  ): Promise<ClassifierDryRunResultDto> {
    return this.service.dryRun(principal, body);
  }
}
