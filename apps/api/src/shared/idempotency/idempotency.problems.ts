import { ProblemException } from '../http/problem';

/** The problems of `Idempotency-Key`, with their stable codes. */
export const IdempotencyProblems = {
  invalidKey: () =>
    new ProblemException(
      400,
      'INVALID_IDEMPOTENCY_KEY',
      'Invalid Idempotency-Key header',
      'Idempotency-Key must be 1–255 visible ASCII characters (no spaces), e.g. a UUID',
      [{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    ),
  reused: () =>
    new ProblemException(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key reused',
      'This Idempotency-Key was already used with a different request body on this route; use a new key for a new request',
    ),
  inFlight: (retryAfterSeconds: number) =>
    new ProblemException(
      409,
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'Request in progress',
      'A request with this Idempotency-Key is still being processed; retry after the time in Retry-After',
      [],
      { 'Retry-After': String(retryAfterSeconds) },
    ),
};
