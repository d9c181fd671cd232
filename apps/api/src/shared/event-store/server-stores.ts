import type { Pool } from 'pg';
import type { EventStore } from '@app/infra';
import { ConfigError } from '../config/app-config';

/** The PostgreSQL adapter on the shared pool (its schema migrated at open). */
export async function openPostgresStore(pool: Pool, now: () => Date): Promise<EventStore> {
  void pool;
  void now;
  throw new ConfigError('EVENT_STORE=postgres:// is being wired; use EVENT_STORE=sqlite');
}

/** The EventStoreDB/KurrentDB adapter, checked to answer within seconds. */
export async function openEsdbStore(connectionString: string, now: () => Date): Promise<EventStore> {
  void connectionString;
  void now;
  throw new ConfigError('EVENT_STORE=esdb:// is being wired; use EVENT_STORE=sqlite');
}
