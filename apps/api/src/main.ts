import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './shared/config/app-config';

async function main(): Promise<void> {
  const logger = new Logger('Main');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (config.jwtSecretGenerated) {
    logger.warn(
      'JWT_SECRET is not set: a secret was generated for this run only (tokens die with the process). ' +
        'Set JWT_SECRET and mint tokens with: JWT_SECRET=... npm run token -- --sub alice --roles intake,case-officer',
    );
    logger.warn(`Development secret for this run: JWT_SECRET=${config.jwtSecret}`);
  }
  const app = await createApp({ config });
  await app.listen(config.port);
  logger.log(`Listening on port ${config.port}; data in ${config.dataDir}; OpenAPI at /docs`);
}

void main();
