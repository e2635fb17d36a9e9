import {
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import type { UserRole } from '@headersync/domain-model';
import { IS_PUBLIC, ROLES } from './auth.constants';
import type { Principal } from './auth.types';

/** The route needs no sign-in (sign-in itself, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request = context
      .switchToHttp()
      .getRequest<{ principal?: Principal }>();
    if (!request.principal) throw new Error('No principal: route is public');
    return request.principal;
  },
);
