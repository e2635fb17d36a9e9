import {
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type {
  ApiTokenEntity,
  UserEntity,
} from '@headersync/domain-persistence';
import {
  ApiTokenRepository,
  UserRepository,
} from '@headersync/domain-persistence';
import { fieldErrors } from '../../common/field-errors';
import {
  decodeCursor,
  encodeCursor,
  type Page,
} from '../../common/pagination.dto';
import { generateApiToken, hashApiToken } from './api-token.util';
import type { Principal } from './auth.types';
import type {
  ApiTokenDto,
  CreatedApiTokenDto,
  SessionResponseDto,
} from './auth.dto';
import { OrganizationRepository } from '../persistence/organization.repository';
import { API_OPTIONS, type ApiOptions } from '../../api-options';
import { hashPassword, verifyPassword } from './password.util';
import { SessionRepository } from './session.repository';

export interface SignedIn {
  readonly user: UserEntity;
  readonly token: string;
  readonly csrfToken: string;
}

const REFUSED =
  'Email or password is wrong, or the account is locked for a while after repeated failures';

@Injectable()
export class AuthService {
  // Verified against when the email is unknown, so an unknown address takes
  // as long as a wrong password (no account enumeration by timing).
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly users: UserRepository,
    private readonly apiTokens: ApiTokenRepository,
    private readonly sessions: SessionRepository,
    private readonly organizations: OrganizationRepository,
    @Inject(API_OPTIONS) private readonly options: ApiOptions,
  ) {
    this.decoyHash = hashPassword('decoy', options.passwordLogN);
  }

  async signIn(
    email: string,
    password: string,
    previousSessionKey?: string,
  ): Promise<SignedIn> {
    const candidates = (await this.users.findByEmail(email)).filter(
      (u) => u.passwordHash !== null,
    );
    if (candidates.length === 0) {
      await verifyPassword(password, await this.decoyHash);
      throw new UnauthorizedException(REFUSED);
    }
    const now = Date.now();
    for (const user of candidates) {
      if (user.lockedUntil && user.lockedUntil.getTime() > now) {
        // As slow as a real check: timing does not tell that it is locked.
        await verifyPassword(password, await this.decoyHash);
        continue;
      }
      if (await verifyPassword(password, user.passwordHash ?? '')) {
        await this.users.recordSuccessfulSignIn(user.id);
        // Session fixation (OWASP): a sign-in always gets a fresh session id,
        // and the one the browser came with is destroyed.
        if (previousSessionKey) await this.sessions.delete(previousSessionKey);
        const session = await this.sessions.create(user.id, user.orgId);
        return { user, token: session.token, csrfToken: session.csrfToken };
      }
      await this.users.recordFailedSignIn(
        user.id,
        this.options.lockout.maxFailures,
        this.options.lockout.lockForMs,
      );
    }
    throw new UnauthorizedException(REFUSED);
  }

  async signOut(principal: Principal): Promise<void> {
    if (principal.sessionKey) await this.sessions.delete(principal.sessionKey);
  }

  /** What the admin app shows of the caller, and the CSRF token it must echo. */
  async describe(
    user: UserEntity,
    csrfToken: string,
  ): Promise<SessionResponseDto> {
    const org = await this.organizations.findById(user.orgId);
    if (!org) throw new UnauthorizedException('Sign in first');
    return {
      userId: user.id,
      orgId: user.orgId,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      csrfToken,
      org: { id: org.id, name: org.name },
    };
  }

  async describePrincipal(principal: Principal): Promise<SessionResponseDto> {
    const user = await this.users.findById(principal.orgId, principal.userId);
    if (!user) throw new UnauthorizedException('Sign in first');
    return this.describe(user, principal.csrfToken ?? '');
  }

  async createApiToken(
    principal: Principal,
    name: string,
  ): Promise<CreatedApiTokenDto> {
    const token = generateApiToken();
    const row = await this.apiTokens.create(
      principal.orgId,
      principal.userId,
      name,
      hashApiToken(token),
    );
    return { ...toApiTokenDto(row), token };
  }

  /** Newest first; a user holds a handful of tokens, so the page is cut in memory. */
  async listApiTokens(
    principal: Principal,
    query: { limit: number; cursor?: string },
  ): Promise<Page<ApiTokenDto>> {
    const rows = await this.apiTokens.listForUser(
      principal.orgId,
      principal.userId,
    );
    let start = 0;
    if (query.cursor) {
      const [id] = decodeCursor(query.cursor, 1) ?? [];
      start = rows.findIndex((r) => r.id === id) + 1;
      if (!id || start === 0)
        throw fieldErrors([
          { field: 'cursor', message: 'is not a valid cursor' },
        ]);
    }
    const page = rows.slice(start, start + query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toApiTokenDto),
      nextCursor:
        last && start + query.limit < rows.length
          ? encodeCursor([last.id])
          : null,
    };
  }

  async revokeApiToken(principal: Principal, id: string): Promise<void> {
    // Only the caller's own tokens (admins: any of their org's).
    const own = await this.apiTokens.listForUser(
      principal.orgId,
      principal.userId,
    );
    if (principal.role !== 'admin' && !own.some((t) => t.id === id))
      throw new NotFoundException('No such API token');
    if (!(await this.apiTokens.revoke(principal.orgId, id)))
      throw new NotFoundException('No such API token');
  }
}

function toApiTokenDto(row: ApiTokenEntity): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}
