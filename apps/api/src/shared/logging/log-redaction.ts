/**
 * Paths pino replaces with `[REDACTED]` wherever an object is logged. The request logger never writes headers
 * or bodies in the first place (see http-log-fields.ts); this is the net under an object logged by mistake.
 */
export const REDACTED_LOG_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["idempotency-key"]',
  'body',
  'token',
  'secret',
  'password',
  'jwtSecret',
  'metricsToken',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.body',
  '*.token',
  '*.secret',
  '*.password',
  '*.jwtSecret',
  '*.metricsToken',
];
