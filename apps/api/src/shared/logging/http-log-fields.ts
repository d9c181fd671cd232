import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Options } from 'pino-http';
import { CORRELATION_HEADER } from '../http/correlation-id';
import { routeTemplate } from '../http/route-template';

type LoggedRequest = IncomingMessage & Partial<Pick<Request, 'originalUrl' | 'route' | 'baseUrl'>> & {
  correlationId?: string;
  principal?: { sub: string };
};

/** Routes polled by machines: logged at debug, so a probe every second does not drown the log. */
const QUIET_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * What the line written when a response finishes says: method, route template, path (no query string: it may
 * carry search terms), status, duration and the authenticated actor. Never headers, never the body.
 */
function completedFields(request: LoggedRequest, response: ServerResponse, durationMs: number) {
  const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
  return {
    method: request.method,
    route: routeTemplate(request as Request),
    path,
    status: response.statusCode,
    durationMs,
    actor: request.principal?.sub ?? null,
  };
}

/** The pino-http options of the request logger (see docs/operations.md#logs). */
export function httpLogOptions(): Options {
  return {
    // The correlation id the middleware assigned (the caller's X-Correlation-Id or a new uuid) is the request id.
    genReqId: (request: LoggedRequest) => request.correlationId ?? String(request.headers[CORRELATION_HEADER] ?? ''),
    customAttributeKeys: { reqId: 'correlationId', responseTime: 'durationMs' },
    // Bind only the correlation id to every line of the request, not the request object with its headers.
    quietReqLogger: true,
    quietResLogger: true,
    // pino-http still builds a logger bound to the request, unused with the quiet loggers above: serialized by
    // default with every header (then redacted), it cost more than the line the request writes. Its method and
    // path are enough, and no header can leak through it.
    serializers: { req: (request: { method?: string; url?: string }) => ({ method: request.method, path: request.url?.split('?')[0] }) },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return QUIET_ROUTES.has(routeTemplate(request as unknown as Request)) ? 'debug' : 'info';
    },
    customSuccessMessage: (request, response, durationMs) =>
      `${request.method} ${routeTemplate(request as unknown as Request)} ${response.statusCode} in ${durationMs} ms`,
    customErrorMessage: (request, response) => `${request.method} ${routeTemplate(request as unknown as Request)} ${response.statusCode}`,
    customSuccessObject: (request, response, value: { durationMs: number }) => completedFields(request, response, value.durationMs),
    customErrorObject: (request, response, _error, value: { durationMs: number }) => completedFields(request, response, value.durationMs),
  };
}
