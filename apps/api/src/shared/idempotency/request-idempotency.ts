import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The `Idempotency-Key` a request runs under: who sent it, on which route, and the key. Set by the
 * IdempotencyInterceptor before the handler runs, only on POST requests that carry a valid key.
 */
export interface RequestIdempotency {
  readonly sub: string;
  /** The method and the path without its query string, e.g. `POST /applications`. */
  readonly scope: string;
  readonly key: string;
}

export type IdempotentRequest = Request & { idempotency?: RequestIdempotency };

/** The request's idempotency context, or `undefined` when it carries no key. */
export function idempotencyOf(request: Request): RequestIdempotency | undefined {
  return (request as IdempotentRequest).idempotency;
}

/**
 * An unambiguous name for a request's (sub, scope, key), to derive stable ids from it with `nameBasedUuid`:
 * a retry of the same request under the same key then addresses the same stream or event, which the event
 * store refuses or ignores instead of appending twice.
 */
export function idempotencyName(idempotency: RequestIdempotency): string {
  return JSON.stringify(['idempotency-key', idempotency.sub, idempotency.scope, idempotency.key]);
}

/** The request's idempotency context as a handler parameter (`undefined` without a key). */
export const CurrentIdempotency = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestIdempotency | undefined =>
    idempotencyOf(context.switchToHttp().getRequest<Request>()),
);

/**
 * The scope of a key as routed: the method and the matched route's template with its parameters filled in.
 * Routing ignores case and a trailing slash, so `/applications`, `/Applications` and `/APPLICATIONS/` reach one
 * route and share one scope (scoping on the raw path let one key open three cases). Outside a matched route
 * (never for an idempotent POST) the request path stands in.
 */
export function routedScope(request: Request): string {
  const template = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof template !== 'string') return idempotencyScope(request.method, request.originalUrl);
  const params = request.params as Record<string, string | undefined>;
  const path = template.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
  return idempotencyScope(request.method, path);
}

/** The scope of a key: the method and the request path, without query string or trailing slash. */
export function idempotencyScope(method: string, url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  const trimmed = path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') || '/' : path;
  return `${method.toUpperCase()} ${trimmed}`;
}
