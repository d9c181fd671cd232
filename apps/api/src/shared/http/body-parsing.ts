import { json, type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { Logger } from '@nestjs/common';
import { Problems, ProblemException } from './problem';
import { sendProblem } from './problem-details.filter';

/** The media types a body may have: JSON, `application/json` or any `application/*+json`. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];
/** The largest body accepted (also told to reverse proxies in docs/deployment.md). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** No request of this API nests deeper than 4 levels; 32 leaves room and keeps every later walk shallow. */
export const MAX_JSON_DEPTH = 32;

const logger = new Logger('BodyParsing');

/**
 * A body must be JSON. Runs before any parser on every route, so a future POST route gets the same answer:
 * a form, text or XML body is 415 UNSUPPORTED_MEDIA_TYPE (it would otherwise reach the route unread, as if no
 * field had been sent). A request without a body passes; the validation pipe answers 400 if the route needs one.
 */
export function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  if (!hasBody(request) || request.is(JSON_MEDIA_TYPES)) return next();
  const given = request.headers['content-type'];
  sendProblem(
    response,
    unsupportedMediaType(
      given === undefined
        ? 'The body has no Content-Type; send it as application/json'
        : `Content-Type ${JSON.stringify(given.slice(0, 100))} is not accepted; send the body as application/json`,
    ),
    request.originalUrl,
  );
}

/**
 * JSON bodies up to 1 MiB. Compressed bodies (`Content-Encoding: gzip|deflate|br`) are refused with 415 rather
 * than inflated: bodies are small, and inflating before authentication is work an anonymous caller could make us do.
 */
export const jsonBodyParser: RequestHandler = json({ limit: MAX_BODY_BYTES, type: JSON_MEDIA_TYPES, inflate: false });

/**
 * A parsed body nested deeper than MAX_JSON_DEPTH is refused before any recursive code (class-transformer,
 * class-validator, the fingerprint of an Idempotency-Key) walks it. The walk itself is iterative.
 */
export function limitJsonDepth(request: Request, response: Response, next: NextFunction): void {
  if (jsonDepthExceeds(request.body, MAX_JSON_DEPTH)) {
    return sendProblem(
      response,
      Problems.malformedBody(`The body nests deeper than ${MAX_JSON_DEPTH} levels`),
      request.originalUrl,
    );
  }
  next();
}

/** Whether a parsed JSON value nests deeper than `limit` objects or arrays (iterative: no stack to overflow). */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * Body-parser failures happen before Nest's pipeline, so its exception filters never see them: render them
 * here as problems too. Malformed JSON or a body cut short → 400, too large → 413, charset or encoding → 415.
 * They are the client's doing: logged as warnings, never with a stack.
 */
export const bodyParserErrors: ErrorRequestHandler = (error, request, response, next) => {
  const problem = bodyProblem(error as { type?: string; status?: number; message?: string });
  if (problem === null) return next(error);
  logger.warn(`${request.method} ${request.path}: body refused (${problem.code}): ${problem.detail ?? problem.title}`);
  sendProblem(response, problem, request.originalUrl);
};

function bodyProblem(error: { type?: string; status?: number; message?: string }): ProblemException | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return Problems.malformedBody('The body is not valid JSON');
    case 'entity.too.large':
      return new ProblemException(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', 'The body exceeds 1 MiB');
    case 'charset.unsupported':
      return unsupportedMediaType(`${error.message ?? 'unsupported charset'}; send UTF-8 JSON`);
    case 'encoding.unsupported':
      return unsupportedMediaType(`${error.message ?? 'unsupported content encoding'}; send the body uncompressed`);
  }
  // Anything else body-parser marks as the client's (an aborted or short body, a bad Content-Length).
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return Problems.malformedBody('The body could not be read (cut short, or not matching its Content-Length)');
  }
  return null;
}

function unsupportedMediaType(detail: string): ProblemException {
  return new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', detail);
}

/** A body is present when it is chunked or declares a non-zero length (an empty POST is "no body"). */
function hasBody(request: Request): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = request.headers['content-length'];
  return length !== undefined && length !== '0';
}
