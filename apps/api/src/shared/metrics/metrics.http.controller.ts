import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { responseHeaders } from '../http/api-headers';
import { ApiProblemResponses } from '../http/api-problem-responses';
import { OPERATIONS_CONFIG, type OperationsConfig } from '../operations/operations-config';
import { metricsAccessProblem } from './metrics-access';
import { Metrics } from './metrics.service';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(OPERATIONS_CONFIG) private readonly config: OperationsConfig,
  ) {}

  /** Public to the JWT guard: access is METRICS_ACCESS's rule (Prometheus scrapes without a user token). */
  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format)',
    description:
      'Who may read is the METRICS_ACCESS setting: loopback (default: callers on this host only), token ' +
      '(Authorization: Bearer <METRICS_TOKEN>) or open. See docs/operations.md for the metrics and alerts.',
  })
  @ApiProduces('text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({
    description: 'The metrics',
    schema: { type: 'string', example: '# TYPE lcm_http_requests_total counter\nlcm_http_requests_total{method="GET",route="/health",status="200"} 3' },
    headers: responseHeaders('X-Correlation-Id'),
  })
  @ApiProblemResponses(401)
  @ApiResponse({
    status: 403,
    description: 'METRICS_ACCESS=loopback and the caller is not on this host (code METRICS_LOOPBACK_ONLY)',
    headers: responseHeaders('X-Correlation-Id'),
    content: {
      'application/problem+json': {
        schema: {
          type: 'object',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', example: '/problems/metrics-loopback-only' },
            title: { type: 'string', example: 'Forbidden' },
            status: { type: 'integer', example: 403 },
            code: { type: 'string', example: 'METRICS_LOOPBACK_ONLY' },
            detail: { type: 'string' },
            instance: { type: 'string', example: '/metrics' },
          },
        },
      },
    },
  })
  async scrape(@Req() request: Request, @Res() response: Response): Promise<void> {
    const problem = metricsAccessProblem(this.config, request.socket.remoteAddress, request.headers.authorization);
    if (problem) throw problem;
    const { contentType, body } = await this.metrics.render();
    response.status(200).type(contentType).send(body);
  }
}
