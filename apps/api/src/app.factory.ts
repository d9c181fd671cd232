import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { checkDataFiles } from './shared/config/data-files';
import { checkServerStore } from './shared/event-store/server-store-check';
import { setupOpenApi } from './openapi';
import { bodyParserErrors, jsonBodyParser, requireJsonBody } from './shared/http/body-parsing';
import { correlationIdMiddleware } from './shared/http/correlation-id';
import { createValidationPipe } from './shared/http/validation';
import { LifecycleState } from './shared/operations/lifecycle-state';
import { loadOperationsConfig } from './shared/operations/operations-config';
import type { SharedModuleOptions } from './shared/shared.module';

/**
 * Builds the HTTP application (used by main.ts and by the e2e tests, so both run the same pipeline).
 * `init()` runs the bootstrap hooks, which seed the §126.1 register before the first request.
 * Logs go through pino (see LoggingModule); `logger: false` silences them unless a log destination is given.
 * Signal handling is main.ts's (graceful-shutdown.ts): tests and benches close the app themselves.
 */
export async function createApp(
  options: SharedModuleOptions,
  logger: false | 'configured' = 'configured',
): Promise<NestExpressApplication> {
  checkDataFiles(options.config);
  await checkServerStore(options.config);
  const operations = options.operations ?? loadOperationsConfig({});
  const quiet = logger === false && options.logDestination === undefined;
  const appOptions: SharedModuleOptions = { ...options, operations: quiet ? { ...operations, logLevel: 'silent' } : operations };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(appOptions), {
    bodyParser: false,
    // Nest's own lines wait until the pino logger is in place, then go through it.
    bufferLogs: true,
    // Let start-up errors (a bad EVENT_STORE, an unreadable data file) reach the caller instead of aborting.
    abortOnError: false,
  });
  return configureApp(app);
}

/**
 * The HTTP pipeline, OpenAPI and start-up of an application Nest has built (createApp's second half: a test that
 * builds the application itself, with a provider replaced, runs the same pipeline).
 */
export async function configureApp(app: NestExpressApplication): Promise<NestExpressApplication> {
  app.useLogger(app.get(PinoNestLogger));
  app.flushLogs();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(correlationIdMiddleware);
  app.use(requireJsonBody);
  app.use(jsonBodyParser);
  app.use(bodyParserErrors);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app);
  await app.init();
  app.get(LifecycleState).markStarted();
  return app;
}
