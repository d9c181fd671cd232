import { Controller, Get, Param, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { DEFAULT_PAGE_SIZE } from '../../shared/http/page-request';
import { decodeCaseCursor } from '../reevaluation-cursors';
import type { ReevaluatedCasePage } from '../reevaluation-runs/reevaluation-runs.read-model';
import { ListReevaluationCasesQuery } from './list-reevaluation-cases.query';
import { ListReevaluationCasesRequest } from './list-reevaluation-cases.request.dto';
import { ReevaluatedCaseListResponse } from './reevaluation-case-list.response';

@ApiTags('reevaluations')
@ApiBearerAuth()
@Controller('reevaluations')
export class ListReevaluationCasesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/cases')
  @Roles('case-officer', 'supervisor', 'policy-admin', 'auditor')
  @ApiOperation({
    summary: 'The cases a re-evaluation run accounted for, with their outcome',
    description:
      "The run's account of every case it reached, including those whose track did not change and that therefore " +
      'record nothing themselves. Ordered by application id, keyset-paginated: follow nextCursor until it is null. ' +
      'A run not started yet answers an empty page. An unknown run is a 404 REEVALUATION_NOT_FOUND; an unknown ' +
      'outcome, a bad limit or an unknown parameter is a 400 VALIDATION_FAILED; a cursor this endpoint did not issue ' +
      'is a 400 INVALID_CURSOR.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The run id' })
  @ApiOkResponse({ description: 'One page of cases', type: ReevaluatedCaseListResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403, 404)
  list(@Param('id') id: string, @QueryParam() request: ListReevaluationCasesRequest): Promise<ReevaluatedCasePage> {
    const after = request.cursor === undefined ? null : decodeCaseCursor(request.cursor);
    return this.queryBus.execute(
      new ListReevaluationCasesQuery(
        id,
        request.outcome !== undefined ? { outcome: request.outcome } : {},
        request.limit ?? DEFAULT_PAGE_SIZE,
        after,
      ),
    );
  }
}
