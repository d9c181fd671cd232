import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA, SSE_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { PUBLIC_KEY, ROLES_KEY } from '../../apps/api/src/shared/auth/roles.decorator';
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

/**
 * Every route of the running application, read from the controllers' own metadata (Nest's DiscoveryService),
 * so a route added later is in the list without anyone editing a test.
 */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
    if (!controller || !wrapper.instance) continue;
    const base = normalise(Reflect.getMetadata(PATH_METADATA, controller) as string | undefined);
    const prototype = Object.getPrototypeOf(wrapper.instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (methodPath === undefined || method === undefined) continue;
      const targets = [handler as () => void, controller];
      for (const sub of Array.isArray(methodPath) ? methodPath : [methodPath]) {
        routes.push({
          method: RequestMethod[method],
          path: `${base}${normalise(sub)}` || '/',
          roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [],
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
          isStream: Reflect.getMetadata(SSE_METADATA, handler) === true || Reflect.getMetadata(STREAMS_RESPONSE_KEY, handler) === true,
          takesBody: takesBody(controller, name),
        });
      }
    }
  }
  return routes;
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

function normalise(path: string | undefined): string {
  if (!path || path === '/') return '';
  return `/${path.replace(/^\/+|\/+$/g, '')}`;
}
