import { ProblemException } from '../shared/http/problem';

/** 400 INVALID_POSITION: `after` or Last-Event-ID is not a position this API issued. */
export function invalidPosition(): ProblemException {
  return new ProblemException(
    400,
    'INVALID_POSITION',
    'Invalid position',
    'after (or Last-Event-ID) must be a position returned by this API: an event\'s position or a page\'s lastPosition',
  );
}
