import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { decodeCursor } from './application-cursor';
import { ApplicationListResponse } from './application-list.response';
import { ListApplicationsQuery, type ApplicationListView } from './list-applications.query';
import { DEFAULT_PAGE_SIZE } from '../../shared/http/page-request';
import { ListApplicationsRequest } from './list-applications.request.dto';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ListApplicationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('case-officer', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'The case list, filtered, newest first, with cursor pagination',
    description:
      'Served from the durable case-list projection. Filters combine (AND). Pages are keyset-paginated on ' +
      '(submittedAt, id) descending: follow nextCursor until it is null; cases added meanwhile never make a page ' +
      'repeat or skip a case. flagged=true lists the licences a §126.1 tightening flagged for a §126.7 review that ' +
      'no suspension or revocation has answered yet. An unknown status or review track, a country that is not ' +
      'ISO 3166-1 alpha-2, a flagged other than true or false, or an unknown parameter is a 400 VALIDATION_FAILED; ' +
      'a cursor this endpoint did not issue is a 400 INVALID_CURSOR.',
  })
  @ApiOkResponse({ description: 'One page of cases', type: ApplicationListResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  list(@QueryParam() request: ListApplicationsRequest): Promise<ApplicationListView> {
    const after = request.cursor === undefined ? null : decodeCursor(request.cursor);
    const { status, country, reviewTrack, assignee, flagged } = request;
    return this.queryBus.execute(
      new ListApplicationsQuery(
        {
          ...(status !== undefined ? { status } : {}),
          ...(country !== undefined ? { country } : {}),
          ...(reviewTrack !== undefined ? { reviewTrack } : {}),
          ...(assignee !== undefined ? { assignee } : {}),
          ...(flagged !== undefined ? { flagged } : {}),
        },
        request.limit ?? DEFAULT_PAGE_SIZE,
        after,
      ),
    );
  }
}
