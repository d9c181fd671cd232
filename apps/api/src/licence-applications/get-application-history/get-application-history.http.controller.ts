import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { GetApplicationHistoryQuery } from './get-application-history.query';
import { ApplicationHistoryResponse } from './history-event.response';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @Roles('case-officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "A case's events in order, with revision, global position, recordedAt and metadata" })
  @ApiOkResponse({
    description: 'The case events in order of revision',
    type: ApplicationHistoryResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiProblemResponses(400, 401, 403, 404)
  history(@Param('id') id: string) {
    return this.queryBus.execute(new GetApplicationHistoryQuery(id));
  }
}
