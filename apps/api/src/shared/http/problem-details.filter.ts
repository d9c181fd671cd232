import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, type FieldError } from '@app/domain';
import { isCorruptionError, StoreUnavailableError, WrongExpectedVersionError } from '@app/infra';
import type { Request, Response } from 'express';
import { ProblemException } from './problem';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance: string;
  errors?: readonly FieldError[];
}

const DOMAIN_STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

/**
 * Renders every error as `application/problem+json` (RFC 9457) with a stable `code`; `type` is a
 * relative URI `/problems/<code>` so clients can switch on either.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.exception.code === 'STORE_DAMAGED') this.logger.error(`A data file is damaged: ${(exception as Error).message}`);
    else if (problem.exception.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : exception);
    for (const [name, value] of Object.entries(problem.exception.headers)) response.setHeader(name, value);
    sendProblem(response, problem.exception, request.originalUrl);
  }
}

export function sendProblem(response: Response, problem: ProblemException, instance: string): void {
  const body: ProblemBody = {
    type: `/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance,
    ...(problem.errors.length > 0 ? { errors: problem.errors } : {}),
  };
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

function toProblem(exception: unknown): { exception: ProblemException } {
  if (exception instanceof ProblemException) return { exception };
  if (exception instanceof DomainError) {
    const status = DOMAIN_STATUS[exception.kind];
    const title = exception.kind === 'invalid' ? 'Validation failed' : exception.kind === 'conflict' ? 'Conflict' : 'Not found';
    return { exception: new ProblemException(status, exception.code, title, exception.message, exception.errors) };
  }
  if (exception instanceof WrongExpectedVersionError) {
    return {
      exception: new ProblemException(
        409,
        'CONCURRENCY_CONFLICT',
        'Conflict',
        'The resource was changed by another request; reload it and retry',
      ),
    };
  }
  if (isStoreBusy(exception)) {
    // Another process held the SQLite write lock past the busy timeout: nothing was written, and a retry
    // shortly after is the right move for the client.
    return {
      exception: new ProblemException(
        503,
        'STORE_BUSY',
        'Service busy',
        'The store is busy with another writer; nothing was written. Retry shortly.',
        [],
        { 'Retry-After': '1' },
      ),
    };
  }
  if (exception instanceof StoreUnavailableError) {
    // The server store is down or the connection was lost: nothing is known to be written (an append either
    // committed and its retry is idempotent, or it did not), and the adapter reconnects by itself.
    return {
      exception: new ProblemException(
        503,
        'STORE_UNAVAILABLE',
        'Service unavailable',
        'The event store cannot be reached; retry shortly (a retried command with the same Idempotency-Key is applied at most once).',
        [],
        { 'Retry-After': '2' },
      ),
    };
  }
  if (isCorruptionError(exception)) {
    return {
      exception: new ProblemException(
        503,
        'STORE_DAMAGED',
        'Service unavailable',
        'A data file is damaged; the operator must restore it from a backup. The request was not committed.',
      ),
    };
  }
  if (exception instanceof HttpException) return { exception: fromHttpException(exception) };
  return { exception: new ProblemException(500, 'INTERNAL_ERROR', 'Internal server error', 'An unexpected error occurred') };
}

function fromHttpException(exception: HttpException): ProblemException {
  const status = exception.getStatus();
  const codes: Record<number, string> = {
    400: 'BAD_REQUEST',
    404: 'ROUTE_NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    406: 'NOT_ACCEPTABLE',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
  };
  return new ProblemException(status, codes[status] ?? `HTTP_${status}`, exception.message, exception.message);
}

/**
 * better-sqlite3's error for a lock not obtained within the busy timeout (SQLITE_BUSY and its extended codes).
 * Matched by its `code` alone, not `instanceof Error`: the native addon builds its errors with the constructor it
 * was first given, which can belong to another realm (as under Jest, where each test file has its own globals).
 */
function isStoreBusy(exception: unknown): boolean {
  if (typeof exception !== 'object' || exception === null) return false;
  const code = (exception as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}
