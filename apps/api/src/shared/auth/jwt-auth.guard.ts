import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AppConfig } from '../config/app-config';
import { Problems } from '../http/problem';
import type { AuthenticatedRequest } from './current-principal.decorator';
import { InvalidTokenError, verificationKey, verifyToken } from './jwt';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import type { Role } from './roles';

/**
 * Global guard: a bearer JWT (HS256, signed with JWT_SECRET) is required on every route that is not
 * @Public; missing or invalid → 401, valid but without one of the route's @Roles → 403. Routes that
 * declare neither are refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly key;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.key = verificationKey(config.jwtSecret);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw Problems.unauthenticated('Send Authorization: Bearer <JWT>');
    try {
      request.principal = verifyToken(match[1], this.key, this.clock.now());
    } catch (error) {
      if (error instanceof InvalidTokenError) throw Problems.unauthenticated(`Invalid token: ${error.message}`);
      throw error;
    }

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.some((role) => request.principal?.roles.includes(role))) {
      throw Problems.forbidden(`This action needs one of the roles: ${allowed.join(', ') || '(none)'}`);
    }
    return true;
  }
}
