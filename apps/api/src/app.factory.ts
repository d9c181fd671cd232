import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { checkDataFiles } from './shared/config/data-files';
import { setupOpenApi } from './openapi';
import { bodyParserErrors, jsonBodyParser, requireJsonBody } from './shared/http/body-parsing';
import { correlationIdMiddleware } from './shared/http/correlation-id';
import { createValidationPipe } from './shared/http/validation';
import type { SharedModuleOptions } from './shared/shared.module';

/**
 * Builds the HTTP application (used by main.ts and by the e2e tests, so both run the same pipeline).
 * `init()` runs the bootstrap hooks, which seed the §126.1 register before the first request.
 */
export async function createApp(
  options: SharedModuleOptions,
  logger: false | ('log' | 'error' | 'warn')[] = ['log', 'error', 'warn'],
): Promise<NestExpressApplication> {
  checkDataFiles(options.config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger,
    // Let start-up errors (a bad EVENT_STORE, an unreadable data file) reach the caller instead of aborting.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(correlationIdMiddleware);
  app.use(requireJsonBody);
  app.use(jsonBodyParser);
  app.use(bodyParserErrors);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}
