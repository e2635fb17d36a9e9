import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { CookieOptions, Response } from 'express';
import type { Page } from '../../common/pagination.dto';
import {
  CSRF_COOKIE,
  OIDC_STATE_COOKIE,
  SESSION_COOKIE,
  SESSION_TTL_SECONDS,
} from './auth.constants';
import { CurrentPrincipal, Public } from './auth.decorators';
import {
  type ApiTokenDto,
  AuthProvidersDto,
  CreateApiTokenDto,
  CreatedApiTokenDto,
  ListApiTokensQueryDto,
  MicrosoftCallbackQueryDto,
  MicrosoftStartQueryDto,
  SessionResponseDto,
  SignInDto,
} from './auth.dto';
import type { AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';
import type { Principal } from './auth.types';
import {
  MicrosoftSignInError,
  MicrosoftSignInService,
} from './microsoft-sign-in.service';
import { SessionRepository } from './session.repository';

// OWASP Session Management: httpOnly (no script access), Secure (HTTPS
// only; browsers also accept it on http://localhost), SameSite=Lax (not sent
// on cross-site subrequests, still sent when Microsoft redirects back).
const COOKIE_BASE: CookieOptions = {
  secure: true,
  sameSite: 'lax',
  path: '/',
  maxAge: SESSION_TTL_SECONDS * 1000,
};
const OIDC_COOKIE: CookieOptions = {
  secure: true,
  sameSite: 'lax',
  httpOnly: true,
  path: '/api/v1/auth/microsoft',
  maxAge: 10 * 60 * 1000,
};

function cookieOf(
  request: AuthenticatedRequest,
  name: string,
): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[
    name
  ];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly microsoft: MicrosoftSignInService,
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
    const previous = cookieOf(request, SESSION_COOKIE);
    const signedIn = await this.auth.signIn(
      body.email,
      body.password,
      previous ? SessionRepository.keyOf(previous) : undefined,
    );
    this.setSessionCookies(response, signedIn.token, signedIn.csrfToken);
    return this.auth.describe(signedIn.user, signedIn.csrfToken);
  }

  @Public()
  @Get('providers')
  @ApiOkResponse({ type: AuthProvidersDto })
  providers(): AuthProvidersDto {
    return { password: true, microsoft: this.microsoft.enabled };
  }

  @Public()
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ 'dry-run': true })
  @Get('microsoft/start')
  @ApiFoundResponse({ description: 'To the Microsoft authorize endpoint' })
  async microsoftStart(
    @Query() query: MicrosoftStartQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    let started: { url: string; state: string };
    try {
      started = await this.microsoft.start(query.returnTo);
    } catch (error) {
      // Not configured: a 404 problem. The identity platform unreachable
      // (MSAL reads its metadata first): back to the sign-in page, which says so.
      if (error instanceof HttpException) throw error;
      response.redirect(302, '/sign-in?error=microsoft-unavailable');
      return;
    }
    response.cookie(OIDC_STATE_COOKIE, started.state, OIDC_COOKIE);
    response.redirect(302, started.url);
  }

  @Public()
  @Get('microsoft/callback')
  @ApiFoundResponse({ description: 'Back to the admin app, signed in' })
  async microsoftCallback(
    @Query() query: MicrosoftCallbackQueryDto,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    response.clearCookie(OIDC_STATE_COOKIE, {
      ...OIDC_COOKIE,
      maxAge: undefined,
    });
    const previous = cookieOf(request, SESSION_COOKIE);
    try {
      const signedIn = await this.microsoft.finish(
        query,
        cookieOf(request, OIDC_STATE_COOKIE),
        previous ? SessionRepository.keyOf(previous) : undefined,
      );
      this.setSessionCookies(response, signedIn.token, signedIn.csrfToken);
      response.redirect(302, signedIn.returnTo);
    } catch (error) {
      if (!(error instanceof MicrosoftSignInError)) throw error;
      response.redirect(
        302,
        `/sign-in?error=${encodeURIComponent(error.reason)}`,
      );
    }
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
  session(
    @CurrentPrincipal() principal: Principal,
  ): Promise<SessionResponseDto> {
    return this.auth.describePrincipal(principal);
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
  listApiTokens(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListApiTokensQueryDto,
  ): Promise<Page<ApiTokenDto>> {
    return this.auth.listApiTokens(principal, query);
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  revokeApiToken(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.auth.revokeApiToken(principal, id);
  }

  private setSessionCookies(
    response: Response,
    token: string,
    csrfToken: string,
  ): void {
    response.cookie(SESSION_COOKIE, token, { ...COOKIE_BASE, httpOnly: true });
    // Readable by the admin app, which echoes it in X-CSRF-Token.
    response.cookie(CSRF_COOKIE, csrfToken, {
      ...COOKIE_BASE,
      httpOnly: false,
    });
  }
}
