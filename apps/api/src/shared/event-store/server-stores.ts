import type { Pool } from 'pg';
import { EsdbEventStore, PostgresEventStore, type EventStore } from '@app/infra';
import { ConfigError } from '../config/app-config';

/** The PostgreSQL adapter on the shared pool (its schema migrated at open). */
export function openPostgresStore(pool: Pool, now: () => Date): Promise<EventStore> {
  return PostgresEventStore.open(pool, { now });
}

/**
 * The EventStoreDB/KurrentDB adapter, checked to answer within seconds (a StoreUnavailableError naming the server
 * otherwise). A malformed connection string is the operator's to fix: a ConfigError, printed without a stack.
 */
export async function connectEsdbStore(connectionString: string, now?: () => Date): Promise<EventStore> {
  try {
    return await EsdbEventStore.connect(connectionString, now === undefined ? {} : { now });
  } catch (error) {
    if (error instanceof TypeError) throw new ConfigError(`EVENT_STORE: ${error.message}`);
    throw error;
  }
}

/** Throws unless the EventStoreDB server answers within seconds. */
export async function probeEsdbStore(connectionString: string): Promise<void> {
  await (await connectEsdbStore(connectionString)).close();
}
