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
 * No request of this API holds more than a few hundred JSON values (50 parties of three fields is the most), so
 * 10,000 leaves room while refusing, before parsing, a body that would make JSON.parse build hundreds of thousands
 * of objects (340,000 empty parties cost 150 ms to parse and as much again to walk).
 */
export const MAX_JSON_VALUES = 10_000;

const SHAPE_REFUSED = 'entity.shape.refused';

/**
 * JSON bodies up to 1 MiB, whose nesting and number of values are checked on the raw bytes first (`verify` runs
 * before the parse), so nothing recursive (class-transformer, class-validator, the Idempotency-Key fingerprint)
 * ever walks a deep body. Compressed bodies (`Content-Encoding: gzip|deflate|br`) are refused with 415 rather
 * than inflated: bodies are small, and inflating before authentication is work an anonymous caller could make us do.
 */
export const jsonBodyParser: RequestHandler = json({
  limit: MAX_BODY_BYTES,
  type: JSON_MEDIA_TYPES,
  inflate: false,
  verify: (_request, _response, raw) => {
    const problem = jsonShapeProblem(raw);
    if (problem !== null) throw Object.assign(new Error(problem), { status: 400, type: SHAPE_REFUSED });
  },
});

/**
 * Why a JSON text nests deeper than MAX_JSON_DEPTH or holds more than MAX_JSON_VALUES values, or null. One pass
 * over the bytes: the structural characters are ASCII, so UTF-8 needs no decoding; string contents are skipped.
 * Values are counted by their separators (an array of n items holds n - 1 commas); with the depth bounded, that
 * bounds the whole tree.
 */
export function jsonShapeProblem(raw: Uint8Array): string | null {
  let depth = 0;
  let values = 1;
  let inString = false;
  let escaped = false;
  for (const byte of raw) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
      continue;
    }
    if (byte === 0x22) inString = true;
    else if (byte === 0x2c) values += 1;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) return `The body nests deeper than ${MAX_JSON_DEPTH} levels`;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
    if (values > MAX_JSON_VALUES) return `The body holds more than ${MAX_JSON_VALUES} JSON values`;
  }
  return null;
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
    case SHAPE_REFUSED:
      return Problems.malformedBody(error.message ?? 'The body is too deeply nested or holds too many values');
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
