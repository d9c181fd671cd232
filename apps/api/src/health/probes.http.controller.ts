import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../shared/auth/roles.decorator';
import { responseHeaders } from '../shared/http/api-headers';
import { LivenessResponse, NotReadyResponse, ReadyResponse } from './probes.response';
import { Readiness } from './readiness';

/** The probes an orchestrator polls; GET /health stays the detailed view for people. */
@ApiTags('operations')
@Controller('health')
export class ProbesController {
  constructor(private readonly readiness: Readiness) {}

  @Get('live')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Liveness: the process answers HTTP (restart it when this fails)', description: 'Touches no store.' })
  @ApiOkResponse({ type: LivenessResponse, headers: responseHeaders('X-Correlation-Id') })
  live(): LivenessResponse {
    return { status: 'alive' };
  }

  @Get('ready')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Readiness: send traffic here? (start-up done, not shutting down, store answers, projections within the lag bound)',
    description: 'The projection lag bound is READY_MAX_PROJECTION_LAG events (default 1000).',
  })
  @ApiOkResponse({ type: ReadyResponse, headers: responseHeaders('X-Correlation-Id') })
  @ApiServiceUnavailableResponse({ description: 'Not ready, with every reason', type: NotReadyResponse, headers: responseHeaders('X-Correlation-Id') })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadyResponse | NotReadyResponse> {
    const reasons = await this.readiness.reasons();
    if (reasons.length === 0) return { status: 'ready' };
    response.status(503);
    return { status: 'not-ready', reasons };
  }
}
