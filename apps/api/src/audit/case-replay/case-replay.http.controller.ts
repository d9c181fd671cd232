import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@app/infra';
import { Roles } from '../../shared/auth/roles.decorator';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { replayCase, type ReplayStep } from './case-replay';
import { loadCaseEvents } from './load-case-events';
import { CaseReplayResponse } from './replay.response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('applications')
export class CaseReplayController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':id/replay')
  @Roles('auditor')
  @ApiOperation({ summary: "The case's state after each of its events, with what each event changed" })
  @ApiOkResponse({ type: CaseReplayResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(401, 403, 404)
  async replay(@Param('id') id: string): Promise<{ applicationId: string; steps: ReplayStep[] }> {
    return { applicationId: id, steps: replayCase(id, await loadCaseEvents(this.store, id)) };
  }
}
