import { ROUTE_ARGS_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { controllerRoutes } from '../../apps/api/src/shared/http/api-reference/testing/controller-routes';
import { STREAMS_RESPONSE_KEY } from '../../apps/api/src/shared/http/streams-response.decorator';
import type { Role } from '../../apps/api/src/shared/auth/roles';

/** A route as its controller declares it: method, path template and the access its decorators grant. */
export interface DeclaredRoute {
  readonly method: string;
  readonly path: string;
  readonly roles: readonly Role[];
  readonly isPublic: boolean;
  /** A server-sent event stream (`@Sse()` or `@StreamsResponse()`): its answer never ends, so tests only send it requests that are refused. */
  readonly isStream: boolean;
  /** The handler takes a `@Body()`: such a route refuses a request without one (400 MALFORMED_BODY). */
  readonly takesBody: boolean;
}

/** Every route of the running application, with what the tests need to know to call it. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  return controllerRoutes(app).map(({ method, path, roles, isPublic, controller, handlerName, handler }) => ({
    method,
    path,
    roles,
    isPublic,
    isStream: Reflect.getMetadata(SSE_METADATA, handler) === true || Reflect.getMetadata(STREAMS_RESPONSE_KEY, handler) === true,
    takesBody: takesBody(controller, handlerName),
  }));
}

/** Nest records each handler parameter's decorator as `<RouteParamtypes>:<index>` on the controller. */
function takesBody(controller: object, method: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/** A request for the route with supertest, by its declared method. */
export function requestFor(http: ReturnType<typeof request>, route: DeclaredRoute, path: string): request.Test {
  switch (route.method) {
    case 'POST':
      return http.post(path).send({});
    case 'DELETE':
      return http.delete(path);
    case 'PUT':
      return http.put(path).send({});
    case 'PATCH':
      return http.patch(path).send({});
    default:
      return http.get(path);
  }
}

/** A concrete path for a template: each `:param` replaced by the value given (or a random-looking uuid). */
export function concretePath(template: string, values: Record<string, string> = {}): string {
  return template.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? PARAM_EXAMPLES[name] ?? '00000000-0000-4000-8000-000000000000');
}

const PARAM_EXAMPLES: Record<string, string> = { cc: 'KH', agency: 'DTSA' };
