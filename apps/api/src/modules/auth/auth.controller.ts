import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { CookieOptions, Response } from 'express';
import {
  CSRF_COOKIE,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from './auth.constants';
import { CurrentPrincipal, Public } from './auth.decorators';
import {
  ApiTokenDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  SessionResponseDto,
  SignInDto,
} from './auth.dto';
import type { AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import type { Principal } from './auth.types';
import { SessionRepository } from './session.repository';

const COOKIE_BASE: CookieOptions = {
  secure: true,
  sameSite: 'lax',
  path: '/',
  maxAge: SESSION_TTL_SECONDS * 1000,
};

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionRepository,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ 'dry-run': true })
  @Post('sign-in')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponseDto })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponseDto> {
    const previous = request.cookies as Record<string, unknown> | undefined;
    const previousToken = previous?.[SESSION_COOKIE];
    const signedIn = await this.auth.signIn(
      body.email,
      body.password,
      typeof previousToken === 'string'
        ? SessionRepository.keyOf(previousToken)
        : undefined,
    );
    response.cookie(SESSION_COOKIE, signedIn.token, {
      ...COOKIE_BASE,
      httpOnly: true,
    });
    // Readable by the admin app, which echoes it in X-CSRF-Token.
    response.cookie(CSRF_COOKIE, signedIn.csrfToken, {
      ...COOKIE_BASE,
      httpOnly: false,
    });
    return {
      userId: signedIn.user.id,
      orgId: signedIn.user.orgId,
      email: signedIn.user.email,
      displayName: signedIn.user.displayName,
      role: signedIn.user.role,
      csrfToken: signedIn.csrfToken,
    };
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiCookieAuth()
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.auth.signOut(principal);
    response.clearCookie(SESSION_COOKIE, { ...COOKIE_BASE, maxAge: undefined });
    response.clearCookie(CSRF_COOKIE, { ...COOKIE_BASE, maxAge: undefined });
  }

  @Get('session')
  @ApiOkResponse({ type: SessionResponseDto })
  async session(
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ): Promise<SessionResponseDto> {
    const cookies = request.cookies as Record<string, unknown> | undefined;
    const token = cookies?.[SESSION_COOKIE];
    const session =
      typeof token === 'string' ? await this.sessions.find(token) : null;
    const { user, csrfToken } = await this.auth.describe(
      principal,
      session?.record.csrfToken ?? '',
    );
    return {
      userId: user.id,
      orgId: user.orgId,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      csrfToken,
    };
  }

  @Post('api-tokens')
  @ApiOkResponse({ type: CreatedApiTokenDto })
  createApiToken(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreatedApiTokenDto> {
    return this.auth.createApiToken(principal, body.name);
  }

  @Get('api-tokens')
  @ApiOkResponse({ type: [ApiTokenDto] })
  listApiTokens(
    @CurrentPrincipal() principal: Principal,
  ): Promise<ApiTokenDto[]> {
    return this.auth.listApiTokens(principal);
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  revokeApiToken(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.auth.revokeApiToken(principal, id);
  }
}
