import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { routeTemplate } from '../http/route-template';

/**
 * Once the guard has authenticated the caller, adds the actor and the route template to every later line the
 * request logs (the correlation id is there from the first line).
 */
@Injectable()
export class LogContextInterceptor implements NestInterceptor {
  constructor(private readonly logger: PinoLogger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      try {
        this.logger.assign({ actor: (request as AuthenticatedRequest).principal?.sub ?? null, route: routeTemplate(request) });
      } catch {
        // Outside a request's log context (the logging middleware did not run): nothing to add to.
      }
    }
    return next.handle();
  }
}
