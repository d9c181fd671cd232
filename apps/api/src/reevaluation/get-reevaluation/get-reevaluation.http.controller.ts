import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { ReevaluationRunResponse } from '../reevaluation-run.response';
import type { ReevaluationRunView } from '../reevaluation-runs/reevaluation-runs.read-model';
import { GetReevaluationQuery } from './get-reevaluation.query';

@ApiTags('reevaluations')
@ApiBearerAuth()
@Controller('reevaluations')
export class GetReevaluationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Roles('case-officer', 'supervisor', 'policy-admin', 'auditor')
  @ApiOperation({
    summary: 'One re-evaluation run: its trigger, status and progress',
    description:
      'Every recorded §126.1 change schedules a run (a suspension also schedules the run of its lapse), due on the day ' +
      'it comes into force. Served from the durable reevaluations projection. The counters account for every selected ' +
      'case: GET /reevaluations/{id}/cases lists each one with its outcome, including the cases left unchanged. An ' +
      'unknown id (or one that is not a UUID) is a 404 REEVALUATION_NOT_FOUND.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The run id (the reevaluationId answered with the status change)' })
  @ApiOkResponse({ description: 'The run', type: ReevaluationRunResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403, 404)
  get(@Param('id') id: string): Promise<ReevaluationRunView> {
    return this.queryBus.execute(new GetReevaluationQuery(id));
  }
}
