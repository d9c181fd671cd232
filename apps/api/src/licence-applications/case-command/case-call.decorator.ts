import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandContext } from '@app/infra';
import type { AuthenticatedRequest } from '../../shared/auth/current-principal.decorator';
import { parseIfMatch, type IfMatch } from '../../shared/http/if-match';

/** Who calls, under which correlation id, and on which revision (If-Match) a case command is based. */
export interface CaseCall {
  readonly ifMatch: IfMatch | undefined;
  readonly context: CommandContext;
}

export const CurrentCaseCall = createParamDecorator((_data: unknown, execution: ExecutionContext): CaseCall => {
  const request = execution.switchToHttp().getRequest<AuthenticatedRequest & { correlationId?: string }>();
  if (!request.principal || !request.correlationId) throw new Error('CurrentCaseCall used on a route without authentication');
  return {
    ifMatch: parseIfMatch(request.header('if-match')),
    context: { actor: request.principal.sub, correlationId: request.correlationId, causationId: null },
  };
});
