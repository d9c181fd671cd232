import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@app/infra';
import { Roles } from '../../shared/auth/roles.decorator';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { EVENT_STORE } from '../../shared/event-store/event-store.providers';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { AnchorResponse } from '../audit.responses';
import { currentAnchor } from './current-anchor';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class GetAnchorController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('anchor')
  @Roles('auditor')
  @ApiOperation({
    summary: "The log's head hash and position: publish it where the operator has no control, verify against it later",
  })
  @ApiOkResponse({ type: AnchorResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(401, 403)
  anchor(): Promise<AnchorResponse> {
    return currentAnchor(this.store, this.clock);
  }
}
