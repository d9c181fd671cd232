import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { DashboardResponse } from './dashboard.response';
import { GetDashboardQuery, type DashboardView } from './get-dashboard.query';

@ApiTags('read models')
@ApiBearerAuth()
@Controller('dashboard')
export class GetDashboardController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Roles('case-officer', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Case counts by status, review track and party country, with totals',
    description: 'Served from counters the case projection keeps in step with its rows; asOfPosition says how far the log is reflected.',
  })
  @ApiOkResponse({ description: 'The counts', type: DashboardResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  get(): Promise<DashboardView> {
    return this.queryBus.execute(new GetDashboardQuery());
  }
}
