import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { GetOfficerWorkloadQuery, type OfficerWorkload } from './get-officer-workload.query';
import { GetOfficerWorkloadRequest } from './get-officer-workload.request.dto';
import { OfficerWorkloadListResponse } from './officer-workload.response';

@ApiTags('read models')
@ApiBearerAuth()
@Controller('officers')
export class GetOfficerWorkloadController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('workload')
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary: "The case officers' workload: their assigned cases by status",
    description: 'A case counts for the officer it is currently assigned to. Officers with no assigned case are not listed.',
  })
  @ApiOkResponse({ description: 'The workload per officer', type: OfficerWorkloadListResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  get(@QueryParam() request: GetOfficerWorkloadRequest): Promise<{ officers: OfficerWorkload[] }> {
    return this.queryBus.execute(new GetOfficerWorkloadQuery(request.officerId));
  }
}
