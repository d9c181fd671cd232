import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { openPostgresPool } from '@app/infra';
import { APP_CONFIG } from '../config/app-config.provider';
import { storeKind, type AppConfig } from '../config/app-config';

/**
 * The PostgreSQL pool shared by everything the API keeps in PostgreSQL when EVENT_STORE=postgres://… (the event
 * log, idempotency keys, webhook subscriptions, worker leases): `null` on the other stores. Opened and checked at
 * start-up, so an unreachable or refusing server stops the start with one line naming it.
 */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');

export const postgresPoolProvider: Provider = {
  provide: POSTGRES_POOL,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig): Promise<Pool | null> =>
    storeKind(config.eventStore) === 'postgres' ? openPostgresPool(config.eventStore, { applicationName: 'licence-case-manager api' }) : null,
};
