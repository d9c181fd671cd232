import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';
/** The accepted form of a caller's X-Correlation-Id; anything else is replaced by a new uuid. */
export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

type CorrelatedRequest = Request & { correlationId?: string };

/**
 * Every request carries a correlation id: the caller's `X-Correlation-Id` when it is a sane token,
 * else a new uuid. It is echoed in the response and recorded in the metadata of every event appended.
 */
export function correlationIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header(CORRELATION_HEADER);
  const correlationId = given && CORRELATION_ID_PATTERN.test(given) ? given : randomUUID();
  (request as CorrelatedRequest).correlationId = correlationId;
  response.setHeader('X-Correlation-Id', correlationId);
  next();
}

export const CorrelationId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<CorrelatedRequest>();
  return request.correlationId ?? randomUUID();
});
