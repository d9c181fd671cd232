import { json, type ErrorRequestHandler } from 'express';
import { Problems, ProblemException } from './problem';
import { sendProblem } from './problem-details.filter';

/** JSON bodies up to 1 MiB; `application/json` and `application/*+json`. */
export const jsonBodyParser = json({ limit: '1mb', type: ['application/json', 'application/*+json'] });

/**
 * Body-parser failures happen before Nest's pipeline, so its exception filters never see them: render
 * them here as problems too (malformed JSON → 400, too large → 413, unsupported charset → 415).
 */
export const bodyParserErrors: ErrorRequestHandler = (error, request, response, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    return sendProblem(response, Problems.malformedBody('The body is not valid JSON'), request.originalUrl);
  }
  if (type === 'entity.too.large') {
    return sendProblem(
      response,
      new ProblemException(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', 'The body exceeds 1 MiB'),
      request.originalUrl,
    );
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return sendProblem(
      response,
      new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', (error as Error).message),
      request.originalUrl,
    );
  }
  next(error);
};
