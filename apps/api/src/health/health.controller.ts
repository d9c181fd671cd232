import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@app/infra';
import type { Response } from 'express';
import { Public } from '../shared/auth/roles.decorator';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { responseHeaders } from '../shared/http/api-headers';
import { HealthResponse, HealthUnavailableResponse } from './health.response';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness: the event store answers a read' })
  @ApiOkResponse({
    description: 'The event store answers',
    type: HealthResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiServiceUnavailableResponse({
    description: 'The event store does not answer',
    type: HealthUnavailableResponse,
    headers: responseHeaders('X-Correlation-Id'),
  })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse | HealthUnavailableResponse> {
    const kind = this.config.eventStore === 'sqlite' ? 'sqlite' : 'eventstoredb';
    try {
      const lastPosition = await this.store.lastPosition();
      return { status: 'ok', eventStore: { kind, status: 'up', lastPosition } };
    } catch (error) {
      response.status(503);
      return { status: 'unavailable', eventStore: { kind, status: 'down', error: (error as Error).message } };
    }
  }
}
