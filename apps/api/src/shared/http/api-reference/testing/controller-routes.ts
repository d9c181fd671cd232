import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { Role } from '../../../auth/roles';
import { PUBLIC_KEY, ROLES_KEY } from '../../../auth/roles.decorator';

/** A route as its controller declares it: where it is, and the access its decorators grant. */
export interface ControllerRoute {
  readonly method: string;
  /** The path template, e.g. `/applications/:id/assign`. */
  readonly path: string;
  readonly roles: readonly Role[];
  readonly isPublic: boolean;
  readonly controller: new (...args: never[]) => object;
  readonly handlerName: string;
  /** The handler function: the target of its method decorators' metadata. */
  readonly handler: object;
}

/**
 * Every route of the application, read from the controllers' own metadata (Nest's DiscoveryService), so a route
 * added later is listed without anyone editing a test or a doc. Works on an app built in preview mode too.
 */
export function controllerRoutes(app: INestApplication): ControllerRoute[] {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const routes: ControllerRoute[] = [];
  for (const wrapper of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
    const controller = wrapper.metatype as ControllerRoute['controller'] | null;
    if (!controller) continue;
    const base = normalise(Reflect.getMetadata(PATH_METADATA, controller) as string | undefined);
    for (const handlerName of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[handlerName] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (method === undefined || paths === undefined) continue;
      const targets = [handler as () => void, controller];
      for (const sub of Array.isArray(paths) ? paths : [paths]) {
        routes.push({
          method: RequestMethod[method],
          path: `${base}${normalise(sub)}` || '/',
          roles: reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [],
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
          controller,
          handlerName,
          handler,
        });
      }
    }
  }
  return routes;
}

function normalise(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}
