import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import type { Pool } from 'pg';
import { APP_CONFIG } from '../shared/config/app-config.provider';
import type { AppConfig } from '../shared/config/app-config';
import { POSTGRES_POOL } from '../shared/postgres/postgres.providers';
import { PostgresSubscriptionRepository } from './postgres/postgres-subscription.repository';
import { SqliteSubscriptionRepository, subscriptionsFile } from './sqlite/sqlite-subscription.repository';
import { SubscriptionRepository } from './subscription.repository';

/**
 * In PostgreSQL when the API has a pool there (the log's database, or STATE_STORE beside EventStoreDB): every API
 * instance on that database then shares the subscriptions, their checkpoints and delivery leases. Otherwise in
 * `subscriptions.sqlite` under DATA_DIR.
 */
export const subscriptionRepositoryProvider: Provider = {
  provide: SubscriptionRepository,
  inject: [APP_CONFIG, POSTGRES_POOL],
  useFactory: async (config: AppConfig, pool: Pool | null): Promise<SubscriptionRepository> => {
    if (pool !== null) return PostgresSubscriptionRepository.open(pool);
    mkdirSync(config.dataDir, { recursive: true });
    return SqliteSubscriptionRepository.open(subscriptionsFile(config.dataDir));
  },
};

/** Closes the repository after the dispatcher has stopped (a PostgreSQL pool is closed by its owner). */
@Injectable()
export class SubscriptionRepositoryLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SubscriptionRepository) private readonly repository: SubscriptionRepository) {}

  async onApplicationShutdown(): Promise<void> {
    await this.repository.close();
  }
}
