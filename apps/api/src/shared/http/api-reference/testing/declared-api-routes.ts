import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, NestFactory, Reflector } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../../../app.module';
import { ROLES, type Role } from '../../../auth/roles';
import { PUBLIC_KEY, ROLES_KEY } from '../../../auth/roles.decorator';
import { loadConfig } from '../../../config/app-config';

/** A route as its controller declares it, with what its decorators say about access and answers. */
export interface ApiRoute {
  readonly method: string;
  readonly path: string;
  /** `public` for @Public(), `any` when every role is allowed, else the roles (any one suffices). */
  readonly access: 'public' | 'any' | readonly Role[];
  readonly successStatus: number;
  /** The error statuses its OpenAPI responses declare. */
  readonly errorStatuses: readonly number[];
  /** The OpenAPI summary and description, where a route names its own problem codes. */
  readonly text: string;
}

type OperationObject = OpenAPIObject['paths'][string]['get'];

/**
 * Every route of the application, from the controllers' metadata and the OpenAPI document Nest builds from them.
 * The module graph is built in preview mode: no provider is instantiated, so no file is opened.
 */
export async function declaredApiRoutes(): Promise<ApiRoute[]> {
  const app = await NestFactory.create(AppModule.forRoot({ config: loadConfig({}) }), { preview: true, logger: false });
  try {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
      operationIdFactory: (controller, method) => `${controller}.${method}`,
    });
    const operations = operationsById(document);
    const reflector = app.get(Reflector);
    const scanner = new MetadataScanner();
    const routes: ApiRoute[] = [];
    for (const wrapper of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = normalise(Reflect.getMetadata(PATH_METADATA, controller) as string | undefined);
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || paths === undefined) continue;
        const targets = [handler as () => void, controller];
        const operation = operations.get(`${controller.name}.${name}`);
        for (const sub of Array.isArray(paths) ? paths : [paths]) {
          routes.push({
            method: RequestMethod[method],
            path: `${base}${normalise(sub)}` || '/',
            access: accessOf(
              reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false,
              reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [],
            ),
            successStatus:
              (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200),
            errorStatuses: Object.keys(operation?.responses ?? {})
              .map(Number)
              .filter((status) => status >= 400)
              .sort((a, b) => a - b),
            text: `${operation?.summary ?? ''}\n${operation?.description ?? ''}`,
          });
        }
      }
    }
    return routes.sort(byPathThenMethod);
  } finally {
    await app.close();
  }
}

function operationsById(document: OpenAPIObject): Map<string, NonNullable<OperationObject>> {
  const operations = new Map<string, NonNullable<OperationObject>>();
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (operation?.operationId) operations.set(operation.operationId, operation);
    }
  }
  return operations;
}

function accessOf(isPublic: boolean, roles: readonly Role[]): ApiRoute['access'] {
  if (isPublic) return 'public';
  return ROLES.every((role) => roles.includes(role)) ? 'any' : roles;
}

function normalise(path: string | undefined): string {
  const trimmed = (path ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `/${trimmed}`;
}

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function byPathThenMethod(a: ApiRoute, b: ApiRoute): number {
  return a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
}
