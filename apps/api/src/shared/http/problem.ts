import type { FieldError } from '@app/domain';

/**
 * An RFC 9457 problem, thrown anywhere in a request and rendered by ProblemDetailsFilter as
 * `application/problem+json`. `code` is stable and part of the API contract.
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail ?? title);
  }
}

export const Problems = {
  validation: (errors: readonly FieldError[], detail = 'The request is invalid; see errors') =>
    new ProblemException(400, 'VALIDATION_FAILED', 'Validation failed', detail, errors),
  malformedBody: (detail: string) => new ProblemException(400, 'MALFORMED_BODY', 'Malformed request body', detail),
  unauthenticated: (detail: string) =>
    new ProblemException(401, 'UNAUTHENTICATED', 'Authentication required', detail, [], {
      'WWW-Authenticate': 'Bearer realm="licence-case-manager"',
    }),
  forbidden: (detail: string) => new ProblemException(403, 'FORBIDDEN', 'Forbidden', detail),
  notFound: (code: string, detail: string) => new ProblemException(404, code, 'Not found', detail),
};
