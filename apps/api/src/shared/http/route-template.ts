import type { Request } from 'express';

/** The label of a request that matched no route: never the raw path, which could carry ids or be unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The matched route's template, e.g. `/applications/:id/approve`, or {@link UNMATCHED_ROUTE}. A wildcard template
 * is the catch-all that the app-wide middleware (logging, metrics) is mounted on, so no controller route matched.
 */
export function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  if (typeof route?.path !== 'string' || route.path.includes('*')) return UNMATCHED_ROUTE;
  return `${request.baseUrl}${route.path}` || '/';
}
