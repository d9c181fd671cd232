import path from 'node:path';
import { Logger, type Provider } from '@nestjs/common';
import { AggregateRepository, CorruptDatabaseError, SqliteEventStore, type EventStore } from '@app/infra';
import type { Pool } from 'pg';
import { CLOCK, type Clock } from '../clock/clock';
import { APP_CONFIG } from '../config/app-config.provider';
import { ConfigError, storeKind, type AppConfig } from '../config/app-config';
import { ID_GENERATOR, type IdGenerator } from '../ids';
import { Metrics } from '../metrics/metrics.service';
import { instrumentEventStore } from './instrumented-event-store';
import { POSTGRES_POOL } from '../postgres/postgres.providers';
import { connectEsdbStore, openPostgresStore } from './server-stores';

export const EVENT_STORE = Symbol('EVENT_STORE');
/** Optional `(store) => store` applied to the adapter before it is measured (tests use it to inject faults). */
export const EVENT_STORE_WRAPPER = Symbol('EVENT_STORE_WRAPPER');
export type EventStoreWrapper = (store: EventStore) => EventStore;

/** The SQLite file of the embedded store, under DATA_DIR. */
export function sqliteFile(config: AppConfig): string {
  return path.join(config.dataDir, 'events.sqlite');
}

/** The adapter EVENT_STORE names, open and checked: an unreachable or refusing server stops the start with one line. */
async function openConfiguredStore(config: AppConfig, clock: Clock, pool: Pool | null): Promise<EventStore> {
  const now = () => clock.now();
  switch (storeKind(config.eventStore)) {
    case 'postgres':
      if (pool === null) throw new ConfigError('EVENT_STORE is a postgres:// URL but no PostgreSQL pool was opened');
      return openPostgresStore(pool, now);
    case 'esdb':
      return connectEsdbStore(config.eventStore, now);
    default:
      return openSqliteStore(config, now);
  }
}

function openSqliteStore(config: AppConfig, now: () => Date): EventStore {
  try {
    const store = SqliteEventStore.open(sqliteFile(config), { now });
    const problems = store.integrityAtOpen();
    if (problems.length > 0) {
      // Still served, so /health can say it (503) and what is readable stays readable.
      new Logger('EventStore').error(
        `${sqliteFile(config)} failed its integrity check at start (${problems.join('; ')}): restore it from a ` +
          'backup; /health answers 503 until then',
      );
    }
    return store;
  } catch (error) {
    if (error instanceof CorruptDatabaseError) throw damagedFile(error, 'restore it from a backup (it is the record of every case)');
    throw error;
  }
}

/**
 * A damaged SQLite file at start-up, as one line for the operator: which file, what SQLite said, what to do
 * (a ConfigError: main.ts prints its message without a stack trace).
 */
export function damagedFile(error: CorruptDatabaseError, remedy: string): ConfigError {
  return new ConfigError(`${error.file} is damaged (${error.problems.join('; ')}): ${remedy}; \`npm run cli -- verify\` checks every file`);
}

export const eventStoreProviders: Provider[] = [
  {
    provide: EVENT_STORE,
    inject: [APP_CONFIG, CLOCK, Metrics, EVENT_STORE_WRAPPER, POSTGRES_POOL],
    useFactory: async (config: AppConfig, clock: Clock, metrics: Metrics, wrap: EventStoreWrapper | null, pool: Pool | null): Promise<EventStore> => {
      const store = await openConfiguredStore(config, clock, pool);
      return instrumentEventStore(wrap ? wrap(store) : store, metrics);
    },
  },
  {
    provide: AggregateRepository,
    inject: [EVENT_STORE, ID_GENERATOR],
    useFactory: (store: EventStore, ids: IdGenerator) => new AggregateRepository(store, ids),
  },
];
