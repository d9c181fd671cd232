import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Problems } from './problem';
import { BoundedErrors, declaredProperties, isDtoClass } from './request-shape';
import { CONTROL_CHARACTER } from './validators';

export const ALLOWED_QUERY_KEY = 'http:allowed-query';
const ANY = '*';

/**
 * Query parameters a route reads without declaring them as `@Query('name')` or a `@Query()` DTO (for example
 * from `request.query` by hand). `@AllowQueryParams('*')` opts a route out of the check altogether.
 */
export const AllowQueryParams = (...names: string[]) => SetMetadata(ALLOWED_QUERY_KEY, names);

/**
 * Global guard, after authentication: a query parameter the route does not read is refused with 400
 * VALIDATION_FAILED, as an unknown body property is, and so is a parameter given twice. What a route reads is
 * taken from its own declarations (`@Query('asOf')`, the properties of a `@Query()` DTO, `@AllowQueryParams`),
 * so a new route is covered without registering it anywhere. A path parameter holding a control character is
 * refused the same way.
 */
@Injectable()
export class QueryParamsGuard implements CanActivate {
  private readonly allowedByHandler = new WeakMap<object, ReadonlySet<string>>();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const found = new BoundedErrors();
    // No id holds a control character, and PostgreSQL cannot even compare text holding NUL: refuse it here, as a
    // control character in a body string is refused, rather than let a store fail on it.
    for (const [name, value] of Object.entries(request.params ?? {})) {
      if (typeof value === 'string' && CONTROL_CHARACTER.test(value)) found.add(name, `path parameter ${name} must not contain control characters`);
    }
    if (found.total > 0) throw Problems.validation(found.errors);
    const query = request.query as Record<string, unknown>;
    const allowed = this.allowed(context);
    if (allowed.has(ANY)) return true;
    for (const [name, value] of Object.entries(query)) {
      if (!allowed.has(name)) found.add(name, `query parameter ${name} should not exist`);
      else if (Array.isArray(value)) found.add(name, `query parameter ${name} must be given once`);
    }
    if (found.total > 0) throw Problems.validation(found.errors);
    return true;
  }

  private allowed(context: ExecutionContext): ReadonlySet<string> {
    const handler = context.getHandler();
    const known = this.allowedByHandler.get(handler);
    if (known) return known;
    const names = new Set<string>(this.reflector.getAllAndOverride<string[]>(ALLOWED_QUERY_KEY, [handler, context.getClass()]) ?? []);
    for (const name of queryParamsOf(context.getClass(), handler.name)) names.add(name);
    this.allowedByHandler.set(handler, names);
    return names;
  }
}

/** The query parameters a handler declares: `@Query('name')` names and the properties of `@Query()` DTOs. */
export function queryParamsOf(controller: object, methodName: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', (controller as { prototype: object }).prototype, methodName) ?? []) as unknown[];
  const names: string[] = [];
  for (const [key, arg] of Object.entries(args)) {
    if (Number(key.split(':')[0]) !== RouteParamtypes.QUERY) continue;
    if (typeof arg.data === 'string') names.push(arg.data);
    else if (isDtoClass(types[arg.index])) names.push(...declaredProperties(types[arg.index] as never).keys());
  }
  return names;
}
