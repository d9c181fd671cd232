import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Role } from '../../shared/auth/roles';
import { Roles } from '../../shared/auth/roles.decorator';
import { CORRELATION_ID_REQUEST_HEADER, responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { IF_MATCH_REQUEST_HEADER } from '../../shared/http/if-match';
import { ApiIdempotencyKey } from '../../shared/idempotency/api-idempotency-key.decorator';
import { CaseViewResponse } from '../case-view/case-view.response';

export interface CaseCommandEndpointOptions {
  /** Below `/applications/:id/`. */
  readonly path: string;
  readonly roles: readonly Role[];
  readonly summary: string;
  readonly description: string;
  /** The 409 codes this command can answer, listed in the OpenAPI description. */
  readonly conflicts: readonly string[];
}

/** Route, roles and OpenAPI of a command on a case: 200 with the updated case view and its ETag. */
export function CaseCommandEndpoint(options: CaseCommandEndpointOptions) {
  return applyDecorators(
    ApiTags('applications'),
    ApiBearerAuth(),
    Post(`:id/${options.path}`),
    HttpCode(200),
    Roles(...options.roles),
    ApiOperation({
      summary: options.summary,
      description: `${options.description}\n\nRoles: ${options.roles.join(', ')}. Refusals (409): ${[
        ...options.conflicts,
        'CONCURRENCY_CONFLICT',
      ].join(', ')}.`,
    }),
    ApiParam({ name: 'id', format: 'uuid', description: 'The application id' }),
    ApiHeader(IF_MATCH_REQUEST_HEADER),
    ApiHeader(CORRELATION_ID_REQUEST_HEADER),
    ApiIdempotencyKey(),
    ApiOkResponse({
      description: 'The updated case view, with ETag = its new revision',
      type: CaseViewResponse,
      headers: responseHeaders('ETag', 'X-Correlation-Id'),
    }),
    ApiProblemResponses(400, 401, 403, 404, 409, 412, 413, 415),
  );
}
