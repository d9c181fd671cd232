import pino, { type LoggerOptions } from 'pino';
import { REDACTED_LOG_PATHS } from './log-redaction';

/** What every line has, whoever writes it: `level` as a word, an ISO `time`, `message`, the service and pid. */
export function baseLogOptions(level: string): LoggerOptions {
  return {
    level,
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    base: { service: 'licence-case-manager', pid: process.pid },
    redact: { paths: REDACTED_LOG_PATHS, censor: '[REDACTED]' },
  };
}
