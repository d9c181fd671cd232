import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiHeaderOptions } from '@nestjs/swagger';
import type { Request } from 'express';
import { ProblemException } from './problem';

/**
 * A parsed `If-Match` precondition (RFC 9110 §13.1.1) on a case: `*` (the case exists) or the list of
 * revisions the caller accepts. Weak tags (`W/"3"`) never match: If-Match uses the strong comparison.
 */
export type IfMatch = { readonly any: true } | { readonly any: false; readonly revisions: readonly bigint[] };

const ENTITY_TAG = /^(W\/)?"([^"]*)"$/;
const REVISION = /^(0|[1-9][0-9]{0,18})$/;

/** `undefined` when the header is absent. Accepts `"3"` (the ETag we send), a bare `3`, lists and `*`. */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === '*') return { any: true };
  const revisions: bigint[] = [];
  const parts = trimmed.split(',').map((part) => part.trim());
  for (const part of parts) {
    const tag = ENTITY_TAG.exec(part);
    const value = tag ? tag[2]! : part;
    if (!REVISION.test(value)) throw invalidIfMatch(header);
    if (tag?.[1] === undefined) revisions.push(BigInt(value));
  }
  return { any: false, revisions };
}

export function ifMatchAccepts(precondition: IfMatch, revision: bigint): boolean {
  return precondition.any || precondition.revisions.includes(revision);
}

function invalidIfMatch(header: string): ProblemException {
  return new ProblemException(
    400,
    'INVALID_IF_MATCH',
    'Invalid If-Match header',
    `If-Match must be a case revision as sent in the ETag (e.g. "3"), a list of them, or *; got ${JSON.stringify(header.slice(0, 100))}`,
    [{ field: 'If-Match', message: 'must be a revision such as "3"' }],
  );
}

/** The request's parsed If-Match header (400 problem when it is malformed). */
export const IfMatchHeader = createParamDecorator((_data: unknown, context: ExecutionContext): IfMatch | undefined =>
  parseIfMatch(context.switchToHttp().getRequest<Request>().header('if-match')),
);

/** OpenAPI: the If-Match request header. */
export const IF_MATCH_REQUEST_HEADER: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description:
    'The case revision the change is based on, as sent in the ETag (e.g. "3"). A mismatch answers 412 ' +
    'PRECONDITION_FAILED and appends nothing. Without it the command still runs under optimistic concurrency ' +
    'against the revision it loaded.',
  schema: { type: 'string', example: '"3"' },
};

/** 412: the case moved on since the revision the caller based the change on. */
export function preconditionFailed(currentRevision: bigint): ProblemException {
  return new ProblemException(
    412,
    'PRECONDITION_FAILED',
    'Precondition failed',
    `If-Match does not match the case's current revision ${currentRevision.toString()}; reload the case and retry`,
    [],
    { ETag: `"${currentRevision.toString()}"` },
  );
}
