import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import {
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotencyClaim,
  type IdempotencyStore,
  type StoredResponse,
} from '@app/infra';
import type { Response } from 'express';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/current-principal.decorator';
import { Metrics } from '../metrics/metrics.service';
import {
  IDEMPOTENCY_STORE,
  IDEMPOTENT_REPLAYED_HEADER,
  REPLAYED_RESPONSE_HEADERS,
} from './idempotency.constants';
import { IdempotencyProblems } from './idempotency.problems';
import { routedScope, type IdempotentRequest, type RequestIdempotency } from './request-idempotency';

type Request = AuthenticatedRequest & IdempotentRequest;

/**
 * `Idempotency-Key` on POST routes: a retried request gets the first response and appends nothing.
 *
 * Runs after the guard (so the caller is known) and before the pipes, so validation failures happen inside the
 * claimed section. A POST without the header, and any other method, pass through untouched. With the header:
 * 1. an invalid key is a 400 INVALID_IDEMPOTENCY_KEY;
 * 2. the key is claimed atomically in the caller's and route's scope, with the fingerprint of the body;
 * 3. a key that completed with the same body is replayed (same status, Location, ETag, Content-Type and body,
 *    plus `Idempotent-Replayed: true`) without running the handler; with another body it is a 422
 *    IDEMPOTENCY_KEY_REUSED; a key still held by a running request is a 409 IDEMPOTENCY_KEY_IN_FLIGHT with
 *    Retry-After;
 * 4. otherwise the handler runs with `idempotencyOf(request)` set. A success (status below 400) is stored; an
 *    error releases the key, since a refused request appends nothing and may be retried as it is.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  private readonly outcomes;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Optional() metrics?: Metrics,
  ) {
    this.outcomes = metrics?.counter({
      name: 'lcm_idempotency_keys_total',
      help: 'POSTs with an Idempotency-Key by outcome (executed, replayed, reused: other body, in-flight: still running)',
      labelNames: ['outcome'] as const,
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (request.method !== 'POST') return next.handle();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    return defer(() => this.handle(request, http.getResponse<Response>(), key, next));
  }

  private async handle(request: Request, response: Response, key: string | string[], next: CallHandler): Promise<unknown> {
    if (!isValidIdempotencyKey(key)) throw IdempotencyProblems.invalidKey();
    if (request.principal === undefined) {
      // Keys are scoped per caller: on a route open to anonymous callers one caller could replay another's answer.
      throw new Error('Idempotency-Key reached a route without authentication; idempotent routes must declare @Roles');
    }
    const idempotency: RequestIdempotency = {
      sub: request.principal.sub,
      scope: routedScope(request),
      key,
    };

    const outcome = await this.store.claim({ ...idempotency, fingerprint: requestFingerprint(request.body) });
    switch (outcome.outcome) {
      case 'completed':
        this.outcomes?.inc({ outcome: 'replayed' });
        return replay(response, outcome.response);
      case 'fingerprint-mismatch':
        this.outcomes?.inc({ outcome: 'reused' });
        throw IdempotencyProblems.reused();
      case 'in-flight':
        this.outcomes?.inc({ outcome: 'in-flight' });
        throw IdempotencyProblems.inFlight(Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)));
      case 'claimed':
        this.outcomes?.inc({ outcome: 'executed' });
        break;
    }
    if (outcome.tookOver) {
      this.logger.warn(
        `${idempotency.scope}: running again a request whose earlier attempt with the same Idempotency-Key never ` +
          `completed (its claim outlived the lease)`,
      );
    }

    request.idempotency = idempotency;
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.release(outcome.claim);
      throw error;
    }
    if (response.statusCode >= 400) await this.release(outcome.claim);
    else await this.complete(outcome.claim, toStoredResponse(response, body));
    return body;
  }

  /**
   * Stores the response. If that fails the request still succeeded, so its answer is sent: the key stays in
   * flight, a retry within the lease gets 409, and after it runs again (see the README on this window).
   */
  private async complete(claim: IdempotencyClaim, stored: StoredResponse | Error): Promise<void> {
    try {
      if (stored instanceof Error) throw stored;
      if (!(await this.store.complete(claim, stored))) {
        this.logger.warn(`${claim.scope}: the Idempotency-Key claim was taken over before its response was stored`);
      }
    } catch (error) {
      this.logger.error(`${claim.scope}: could not store the response of an Idempotency-Key: ${messageOf(error)}`);
    }
  }

  /** Frees the key after a failure; a failure to do so must not hide the request's own error. */
  private async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.store.release(claim);
    } catch (error) {
      this.logger.error(`${claim.scope}: could not release an Idempotency-Key: ${messageOf(error)}`);
    }
  }
}

/** What Nest will send: the status the route set (@HttpCode, the method's default, or res.status), a few headers, the body. */
function toStoredResponse(response: Response, body: unknown): StoredResponse | Error {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_RESPONSE_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  try {
    const bodyJson = body === undefined ? null : (JSON.stringify(body) ?? null);
    return { status: response.statusCode, headers, bodyJson };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function replay(response: Response, stored: StoredResponse): unknown {
  response.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  return stored.bodyJson === null ? undefined : JSON.parse(stored.bodyJson);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
