import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_PATTERN } from '@app/infra';
import { responseHeaders } from '../http/api-headers';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency.constants';

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
};

/**
 * OpenAPI for a POST route that honours `Idempotency-Key`: the request header, and the 422 of a key reused with
 * another body. The 409 IDEMPOTENCY_KEY_IN_FLIGHT and 400 INVALID_IDEMPOTENCY_KEY are described in the header's
 * text rather than as responses, so they do not replace the route's own 400 and 409 descriptions.
 */
export function ApiIdempotencyKey() {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes the request safe to retry: a retry with the same key and body, by the same caller on the same path, ' +
        `gets the first response again (with ${IDEMPOTENT_REPLAYED_HEADER}: true) and appends nothing. ` +
        'Keys are kept at least 24 hours. 1–255 visible ASCII characters, e.g. a UUID; otherwise 400 ' +
        'INVALID_IDEMPOTENCY_KEY. While the first request runs, a retry gets 409 IDEMPOTENCY_KEY_IN_FLIGHT with ' +
        'Retry-After. A request that failed keeps nothing, so it can be retried with the same key.',
      schema: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        pattern: IDEMPOTENCY_KEY_PATTERN.source,
        example: 'f47ac10b-58cc-4372-a567-0e02b2c3d479',
      },
    }),
    ApiResponse({
      status: 422,
      description: 'The Idempotency-Key was already used with a different body on this route (code IDEMPOTENCY_KEY_REUSED); nothing is appended',
      headers: responseHeaders('X-Correlation-Id'),
      content: { 'application/problem+json': { schema: PROBLEM } },
    }),
  );
}
