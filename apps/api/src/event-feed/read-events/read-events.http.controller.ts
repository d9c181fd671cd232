import { Controller, Get, Query as QueryParam } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { responseHeaders } from '../../shared/http/api-headers';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { invalidPosition } from '../feed-problems';
import { PublicEventFeed, type FeedPage } from '../public-event-feed';
import { EventPageResponse } from './event-page.response';
import { DEFAULT_EVENT_PAGE, ReadEventsRequest } from './read-events.request.dto';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class ReadEventsController {
  constructor(private readonly feed: PublicEventFeed) {}

  @Get()
  @Roles('subscriber', 'auditor')
  @ApiOperation({
    summary: 'The public events after a position, in global order, as CloudEvents (pull)',
    description:
      'Follow `lastPosition` as the next `after` until a page comes back empty: no event is skipped or repeated, ' +
      'even while events are appended. Internal events never appear. Schemas: GET /schemas; channels: /asyncapi.json. ' +
      'A position this API did not issue is a 400 INVALID_POSITION; an unknown type, a bad limit or an unknown ' +
      'parameter is a 400 VALIDATION_FAILED.',
  })
  @ApiOkResponse({ description: 'One page', type: EventPageResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiProblemResponses(400, 401, 403)
  read(@QueryParam() request: ReadEventsRequest): Promise<FeedPage> {
    if (request.after !== undefined && !this.feed.isPosition(request.after)) throw invalidPosition();
    return this.feed.readPage(request.after ?? null, request.limit ?? DEFAULT_EVENT_PAGE, {
      ...(request.types !== undefined ? { types: request.types } : {}),
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
    });
  }
}
