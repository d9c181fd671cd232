import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import { baseLogOptions } from './pino-options';

/**
 * The logger for the lines main.ts writes before the application (and its logger) exists, such as a configuration
 * error: JSON lines like the rest when the log format will be JSON (LOG_FORMAT=json, or production by default),
 * else null (Nest's console format suits a terminal). Read leniently: a bad LOG_FORMAT is reported by the
 * configuration itself, through this logger.
 */
export function bootLogger(env: NodeJS.ProcessEnv = process.env): LoggerService | null {
  const json = env.LOG_FORMAT === 'json' || ((env.LOG_FORMAT ?? '') === '' && env.NODE_ENV === 'production');
  if (!json) return null;
  const logger = pino(baseLogOptions('info'), pino.destination({ dest: 1, sync: true }));
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: unknown, ...params: unknown[]) => {
      const context = typeof params.at(-1) === 'string' ? params.at(-1) : undefined;
      logger[level]({ context }, String(message));
    };
  return { log: write('info'), warn: write('warn'), error: write('error') };
}
