import { Controller, Get, Headers, Inject, Query as QueryParam, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../../shared/auth/current-principal.decorator';
import { Roles } from '../../shared/auth/roles.decorator';
import type { Principal } from '../../shared/auth/roles';
import { APP_CONFIG } from '../../shared/config/app-config.provider';
import type { AppConfig } from '../../shared/config/app-config';
import { ApiProblemResponses } from '../../shared/http/api-problem-responses';
import { invalidPosition } from '../feed-problems';
import { PublicEventFeed } from '../public-event-feed';
import { SubscriberStats } from '../subscriber-stats';
import { SseSession } from './sse-session';
import { StreamAdmission } from './stream-admission';
import { StreamEventsRequest } from './stream-events.request.dto';
import { StreamsResponse } from '../../shared/http/streams-response.decorator';

const PAGE_SIZE = 100;
const PROBLEM_SCHEMA = { type: 'object', properties: { code: { type: 'string' } } };

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class StreamEventsController {
  constructor(
    private readonly feed: PublicEventFeed,
    private readonly admission: StreamAdmission,
    private readonly stats: SubscriberStats,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('stream')
  @StreamsResponse()
  @Roles('subscriber')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'The public events as Server-Sent Events, live (stream)',
    description:
      'Each message: `id` = the event\'s position, `event` = its type, `data` = the CloudEvent. Starts after ' +
      'Last-Event-ID, else after `after`, else at the beginning; same filters as GET /events. A `: heartbeat` comment ' +
      'is sent every 15 s when idle. A client that stops reading is sent `event: cut-off` (reason SLOW_CONSUMER) and ' +
      'closed; reconnecting with Last-Event-ID loses nothing and repeats nothing. Too many streams: 429 ' +
      'TOO_MANY_STREAMS (per subscriber) or 503 STREAMS_EXHAUSTED (in all), with Retry-After.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id` of the last message received' })
  @ApiOkResponse({ description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblemResponses(400, 401, 403)
  @ApiResponse({ status: 429, description: 'Too many streams for this subscriber (code TOO_MANY_STREAMS); see Retry-After', content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } })
  @ApiResponse({ status: 503, description: 'The server serves as many streams as it can (code STREAMS_EXHAUSTED); see Retry-After', content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } } })
  async stream(
    @QueryParam() request: StreamEventsRequest,
    @Headers('last-event-id') lastEventId: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() response: Response,
  ): Promise<void> {
    const after = lastEventId !== undefined && lastEventId.trim() !== '' ? lastEventId.trim() : request.after;
    if (after !== undefined && !this.feed.isPosition(after)) throw invalidPosition();
    this.admission.checkAdmission(principal.sub);

    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    const { sse, feedPollMs } = this.config.subscribers;
    const filter = {
      ...(request.types !== undefined ? { types: request.types } : {}),
      ...(request.subject !== undefined ? { subject: request.subject } : {}),
    };
    const session = new SseSession(
      response,
      (from, limit, f) => this.feed.readPage(from, limit, f),
      filter,
      after ?? null,
      { heartbeatMs: sse.heartbeatMs, pollMs: feedPollMs, slowClientTimeoutMs: sse.slowClientTimeoutMs, pageSize: PAGE_SIZE },
      () => (this.stats.streamEventsSent += 1),
    );
    await this.admission.track(principal.sub, session);
    if (!response.writableEnded) response.end();
  }
}
