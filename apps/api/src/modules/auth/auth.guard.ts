import { timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '@headersync/domain-model';
import {
  ApiTokenRepository,
  UserRepository,
} from '@headersync/domain-persistence';
import type { Request } from 'express';
import {
  API_TOKEN_PREFIX,
  CSRF_HEADER,
  IS_PUBLIC,
  ROLES,
  SAFE_METHODS,
  SESSION_COOKIE,
} from './auth.constants';
import { hashApiToken } from './api-token.util';
import type { Principal } from './auth.types';
import { SessionRepository } from './session.repository';

export type AuthenticatedRequest = Request & { principal?: Principal };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Global guard: every route needs a principal unless marked @Public. A
 * principal comes from an API token (Authorization: Bearer hst_...) or a
 * session cookie; with a cookie, unsafe methods must echo the session's CSRF
 * token in X-CSRF-Token (OWASP CSRF Prevention: synchronizer token,
 * delivered double-submit style in a readable cookie).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly apiTokens: ApiTokenRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) {
      // Public routes (sign-in) work whatever stale cookie the browser sends.
      request.principal =
        (await this.authenticate(request).catch(() => null)) ?? undefined;
      return true;
    }
    const principal = await this.authenticate(request);
    if (principal) request.principal = principal;
    if (!principal) throw new UnauthorizedException('Sign in first');

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(
      ROLES,
      [context.getHandler(), context.getClass()],
    );
    if (roles && !roles.includes(principal.role)) {
      throw new ForbiddenException(`This needs the ${roles.join(' or ')} role`);
    }
    return true;
  }

  /**
   * The caller, or null without credentials. `csrf: 'origin'` is for pages
   * we do not write (the queue dashboard), which cannot send the header: an
   * unsafe request must then come from our own origin (OWASP CSRF Prevention,
   * "verifying origin with standard headers").
   */
  async authenticate(
    request: AuthenticatedRequest,
    csrf: 'token' | 'origin' = 'token',
  ): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer (\S+)$/i.exec(authorization);
      const token = match?.[1];
      if (!token?.startsWith(API_TOKEN_PREFIX))
        throw new UnauthorizedException('Malformed Authorization header');
      const row = await this.apiTokens.useActive(hashApiToken(token));
      if (!row) throw new UnauthorizedException('Invalid or revoked API token');
      const user = await this.users.findById(row.orgId, row.userId);
      if (!user)
        throw new UnauthorizedException('Invalid or revoked API token');
      return {
        userId: user.id,
        orgId: user.orgId,
        email: user.email,
        role: user.role,
        via: 'api-token',
      };
    }

    const cookies = request.cookies as Record<string, unknown> | undefined;
    const cookie = cookies?.[SESSION_COOKIE];
    if (typeof cookie !== 'string' || cookie === '') return null;
    const session = await this.sessions.find(cookie);
    if (!session) return null;
    const user = await this.users.findById(
      session.record.orgId,
      session.record.userId,
    );
    if (!user) return null;
    if (!SAFE_METHODS.has(request.method) && csrf === 'origin') {
      if (originHost(request.headers.origin) !== request.headers.host)
        throw new ForbiddenException('Cross-origin request refused');
    } else if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (
        typeof header !== 'string' ||
        !sameSecret(header, session.record.csrfToken)
      ) {
        throw new ForbiddenException(
          `Missing or wrong ${CSRF_HEADER} header (CSRF protection)`,
        );
      }
    }
    return {
      userId: user.id,
      orgId: user.orgId,
      email: user.email,
      role: user.role,
      via: 'session',
      sessionKey: session.key,
      csrfToken: session.record.csrfToken,
    };
  }
}

/** The host of an Origin header; undefined when absent or not a URL (`Origin: null`). */
function originHost(origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
