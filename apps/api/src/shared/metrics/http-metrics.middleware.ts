import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplate } from '../http/route-template';
import { LATENCY_BUCKETS_SECONDS, Metrics } from './metrics.service';

/**
 * Counts every HTTP request and times it, by route template (`/applications/:id`, never the concrete path),
 * method and status, once the response is finished or the connection closed.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly duration;

  constructor(metrics: Metrics) {
    const labelNames = ['method', 'route', 'status'] as const;
    this.requests = metrics.counter({ name: 'lcm_http_requests_total', help: 'HTTP requests answered', labelNames });
    this.duration = metrics.histogram({
      name: 'lcm_http_request_duration_seconds',
      help: 'Time from receiving an HTTP request to finishing its response',
      labelNames,
      buckets: LATENCY_BUCKETS_SECONDS,
    });
  }

  use(request: Request, response: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const labels = {
        method: request.method,
        route: routeTemplate(request),
        // A connection closed before the response finished is counted as status 0 (the client saw no answer).
        status: response.writableFinished ? String(response.statusCode) : '0',
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    };
    response.once('finish', record);
    response.once('close', record);
    next();
  }
}
