import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { GetApplicationHistoryQuery } from './get-application-history.query';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @Roles('case-officer', 'supervisor', 'auditor')
  @ApiOperation({ summary: "A case's events in order, with revision, global position, recordedAt and metadata" })
  @ApiOkResponse({ description: '{ applicationId, items: [{ id, type, data, revision, position, recordedAt, metadata }] }' })
  @ApiProblemResponses(401, 403, 404)
  history(@Param('id') id: string) {
    return this.queryBus.execute(new GetApplicationHistoryQuery(id));
  }
}
