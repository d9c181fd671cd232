import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { StoreUnavailableError } from '@app/infra';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './shared/config/app-config';
import { applyServerLimits } from './shared/http/server-limits';
import { bootLogger } from './shared/logging/boot-logger';
import { installGracefulShutdown } from './shared/operations/graceful-shutdown';
import { loadOperationsConfig } from './shared/operations/operations-config';

async function main(): Promise<void> {
  Logger.overrideLogger(bootLogger() ?? new ConsoleLogger());
  const logger = new Logger('Main');
  try {
    const config = loadConfig();
    const operations = loadOperationsConfig();
    if (config.jwtSecretGenerated) {
      logger.warn(
        'JWT_SECRET is not set: a secret was generated for this run only (tokens die with the process). ' +
          'Set JWT_SECRET and mint tokens with: JWT_SECRET=... npm run token -- --sub alice --roles intake,case-officer',
      );
      logger.warn(`Development secret for this run: JWT_SECRET=${config.jwtSecret}`);
    }
    const app = await createApp({ config, operations });
    applyServerLimits(app.getHttpServer());
    installGracefulShutdown(app, operations.shutdownTimeoutMs);
    await app.listen(config.port);
    logger.log(`Listening on port ${config.port}; data in ${config.dataDir}; OpenAPI at /docs`);
  } catch (error) {
    // A configuration problem is the operator's to fix: say what, without a stack trace.
    if (error instanceof ConfigError || error instanceof StoreUnavailableError) logger.error(error.message);
    else logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}

void main();
