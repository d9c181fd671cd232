import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../../../app.module';
import { ROLES, type Role } from '../../../auth/roles';
import { loadConfig } from '../../../config/app-config';
import { controllerRoutes } from './controller-routes';

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
    const routes = controllerRoutes(app).map((route): ApiRoute => {
      const operation = operations.get(`${route.controller.name}.${route.handlerName}`);
      return {
        method: route.method,
        path: route.path,
        access: accessOf(route.isPublic, route.roles),
        successStatus:
          (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'POST' ? 201 : 200),
        errorStatuses: Object.keys(operation?.responses ?? {})
          .map(Number)
          .filter((status) => status >= 400)
          .sort((a, b) => a - b),
        text: `${operation?.summary ?? ''}\n${operation?.description ?? ''}`,
      };
    });
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

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function byPathThenMethod(a: ApiRoute, b: ApiRoute): number {
  return a.path.localeCompare(b.path) || METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method);
}
