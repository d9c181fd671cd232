import type { ApiHeaderOptions, HeaderObject } from '@nestjs/swagger';
import { CORRELATION_ID_PATTERN } from './correlation-id';

/** `X-Correlation-Id` as a request header (optional). */
export const CORRELATION_ID_REQUEST_HEADER: ApiHeaderOptions = {
  name: 'X-Correlation-Id',
  required: false,
  description:
    'Correlation id recorded in the metadata of every event the request appends and echoed in the response. ' +
    'A value not matching the pattern is replaced by a new UUID.',
  schema: { type: 'string', pattern: CORRELATION_ID_PATTERN.source, example: 'intake-2025-11-10-0042' },
};

/** Response headers, for the `headers` option of `@ApiResponse` and its shorthands. */
export const RESPONSE_HEADERS = {
  'X-Correlation-Id': {
    description: "The request's X-Correlation-Id when it was acceptable, else a new UUID (sent on every response)",
    schema: { type: 'string', example: 'intake-2025-11-10-0042' },
  },
  ETag: {
    description: 'Strong entity tag of the case revision: the revision in double quotes, e.g. "0"',
    schema: { type: 'string', example: '"0"' },
  },
  Location: {
    description: 'Path of the new case, /applications/{id}',
    schema: { type: 'string', format: 'uri-reference', example: '/applications/7c501e6f-22ff-4371-84e7-3b31bfa7c011' },
  },
  'WWW-Authenticate': {
    description: 'The bearer challenge',
    schema: { type: 'string', example: 'Bearer realm="licence-case-manager"' },
  },
} satisfies Record<string, HeaderObject>;

/** The named response headers, for `headers: responseHeaders('ETag', 'X-Correlation-Id')`. */
export function responseHeaders(...names: Array<keyof typeof RESPONSE_HEADERS>): Record<string, HeaderObject> {
  return Object.fromEntries(names.map((name) => [name, RESPONSE_HEADERS[name]]));
}
