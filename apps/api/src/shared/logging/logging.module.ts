import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';
import type { OperationsConfig } from '../operations/operations-config';
import { httpLogOptions } from './http-log-fields';
import { LogContextInterceptor } from './log-context.interceptor';
import { baseLogOptions } from './pino-options';

/**
 * Logs through pino (nestjs-pino): JSON lines (LOG_FORMAT=json, the production default) or pretty-printed, every
 * line of a request carrying its correlation id, and Nest's `Logger` calls routed to the same logger.
 * `destination` replaces stdout (tests capture the output with it).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: OperationsConfig, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            { ...baseLogOptions(config.logLevel), ...httpLogOptions() },
            destination ?? defaultDestination(config),
          ],
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        }),
      ],
      providers: [{ provide: APP_INTERCEPTOR, useClass: LogContextInterceptor }],
    };
  }
}

/**
 * Stdout, written synchronously: a line logged just before the process exits (a fatal start-up error, the last
 * shutdown step) is never lost in a buffer. Pretty output is formatted in-process (no worker thread).
 */
function defaultDestination(config: OperationsConfig): DestinationStream {
  if (config.logFormat === 'json') return pino.destination({ dest: 1, sync: true });
  return pinoPretty({
    sync: true,
    messageKey: 'message',
    messageFormat: '{if context}[{context}] {end}{message}',
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context',
  });
}
