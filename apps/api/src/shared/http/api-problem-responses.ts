import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { responseHeaders } from './api-headers';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (problem+json, code VALIDATION_FAILED or MALFORMED_BODY, per-field errors, at most 20 with a count in detail); an unknown or repeated query parameter is refused the same way; nothing is appended',
  401: 'Missing, expired or invalid bearer token (code UNAUTHENTICATED)',
  403: 'The token lacks a role this route needs (code FORBIDDEN)',
  404: 'Not found (problem+json)',
  409: 'Refused by the case rules or a concurrent change (problem+json with a stable code)',
  412: 'If-Match does not match the current revision (code PRECONDITION_FAILED)',
  413: 'The body exceeds 1 MiB (code PAYLOAD_TOO_LARGE)',
  415: 'The body is not JSON (a form, text, XML), not UTF-8, or compressed (code UNSUPPORTED_MEDIA_TYPE); nothing is appended',
};

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', example: '/problems/validation-failed' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Documents the RFC 9457 error responses a route can give. */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        headers: status === 401 ? responseHeaders('X-Correlation-Id', 'WWW-Authenticate') : responseHeaders('X-Correlation-Id'),
        content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
      }),
    ),
  );
}
