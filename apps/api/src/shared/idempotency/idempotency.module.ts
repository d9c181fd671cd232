import path from 'node:path';
import { Module, type Provider } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { Pool } from 'pg';
import { CorruptDatabaseError, PostgresIdempotencyStore, SqliteIdempotencyStore, type IdempotencyStore } from '@app/infra';
import { damagedFile } from '../event-store/event-store.providers';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AppConfig } from '../config/app-config';
import { POSTGRES_POOL } from '../postgres/postgres.providers';
import { IdempotencyStoreLifecycle } from './idempotency-store.lifecycle';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_STORE } from './idempotency.constants';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The SQLite file of the idempotency keys, under DATA_DIR (next to the event store, not inside it). */
export function idempotencyFile(config: AppConfig): string {
  return path.join(config.dataDir, 'idempotency.sqlite');
}

/**
 * The keys' store: in PostgreSQL when the API has a pool there (the log's database, or STATE_STORE beside
 * EventStoreDB), shared by every instance so a retry may reach any of them; else the SQLite file of DATA_DIR.
 */
export const idempotencyStoreProvider: Provider = {
  provide: IDEMPOTENCY_STORE,
  inject: [APP_CONFIG, CLOCK, POSTGRES_POOL],
  useFactory: async (config: AppConfig, clock: Clock, pool: Pool | null): Promise<IdempotencyStore> => {
    if (pool !== null) return PostgresIdempotencyStore.open(pool, { now: () => clock.now(), leaseMs: IDEMPOTENCY_LEASE_MS });
    try {
      return SqliteIdempotencyStore.open(idempotencyFile(config), { now: () => clock.now(), leaseMs: IDEMPOTENCY_LEASE_MS });
    } catch (error) {
      if (!(error instanceof CorruptDatabaseError)) throw error;
      throw damagedFile(
        error,
        'restore it from a backup, or move it aside to start with no keys (a retry of an earlier request then runs ' +
          'again, and is refused by the case rules or the id its key derives)',
      );
    }
  },
};

/**
 * `Idempotency-Key` on every POST route: the global interceptor, its store and the store's retention.
 * Needs APP_CONFIG and CLOCK from the global SharedModule.
 */
@Module({
  providers: [
    idempotencyStoreProvider,
    IdempotencyStoreLifecycle,
    IdempotencyInterceptor,
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
  ],
  exports: [IDEMPOTENCY_STORE],
})
export class IdempotencyModule {}
