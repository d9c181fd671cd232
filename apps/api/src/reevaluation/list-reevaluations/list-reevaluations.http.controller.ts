import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { DEFAULT_PAGE_SIZE } from '../../shared/http/page-request';
import { decodeRunCursor } from '../reevaluation-cursors';
import type { ReevaluationRunPage } from '../reevaluation-runs/reevaluation-runs.read-model';
import { ListReevaluationsQuery } from './list-reevaluations.query';
import { ListReevaluationsRequest } from './list-reevaluations.request.dto';
import { ReevaluationListResponse } from './reevaluation-list.response';

@ApiTags('reevaluations')
@ApiBearerAuth()
@Controller('reevaluations')
export class ListReevaluationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('case-officer', 'supervisor', 'policy-admin', 'auditor')
  @ApiOperation({
    summary: 'The re-evaluation runs, filtered, newest first, with cursor pagination',
    description:
      'Served from the durable reevaluations projection: one run per recorded §126.1 change, plus one per suspension ' +
      'lapse, newest first. Filters combine (AND). Pages are keyset-paginated: follow nextCursor until it is null; ' +
      'runs scheduled meanwhile never make a page repeat or skip a run. An unknown status, a country that is not ' +
      'ISO 3166-1 alpha-2, a bad limit or an unknown parameter is a 400 VALIDATION_FAILED; a cursor this endpoint did ' +
      'not issue is a 400 INVALID_CURSOR.',
  })
  @ApiOkResponse({ description: 'One page of runs', type: ReevaluationListResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  list(@QueryParam() request: ListReevaluationsRequest): Promise<ReevaluationRunPage> {
    const afterSeq = request.cursor === undefined ? null : decodeRunCursor(request.cursor);
    const { country, status } = request;
    return this.queryBus.execute(
      new ListReevaluationsQuery(
        { ...(country !== undefined ? { country } : {}), ...(status !== undefined ? { status } : {}) },
        request.limit ?? DEFAULT_PAGE_SIZE,
        afterSeq,
      ),
    );
  }
}
