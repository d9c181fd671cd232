import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AppConfig } from '../config/app-config';
import { openSharedStatePool } from './shared-state-pool';

/**
 * The PostgreSQL pool shared by everything the API keeps in PostgreSQL: with EVENT_STORE=postgres://… the log's
 * database (the event log, idempotency keys, webhook subscriptions, worker leases), with EVENT_STORE=esdb://… and
 * STATE_STORE=postgres://… the state store beside the EventStoreDB log (all of those but the log); `null`
 * otherwise, the state then being in DATA_DIR. Opened and checked at start-up, so an unreachable or refusing server
 * stops the start with one line naming it.
 */
export const POSTGRES_POOL = Symbol('POSTGRES_POOL');

export const postgresPoolProvider: Provider = {
  provide: POSTGRES_POOL,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Promise<Pool | null> => openSharedStatePool(config, { applicationName: 'licence-case-manager api' }),
};
