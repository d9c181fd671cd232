import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventStore } from '@app/infra';
import { POSTGRES_POOL } from '../postgres/postgres.providers';
import { EVENT_STORE } from './event-store.providers';

/**
 * Closes the store when the application shuts down (SQLite checkpoints its WAL on close), then the PostgreSQL pool
 * the PostgreSQL-backed services share (the log's database, or STATE_STORE beside EventStoreDB). The workers stop in `onModuleDestroy`, before any shutdown hook.
 */
@Injectable()
export class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POSTGRES_POOL) private readonly pool: Pool | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    // An application closed twice (a test restarting on the same data) must not end the pool twice.
    if (this.pool !== null && !this.pool.ended) await this.pool.end();
  }
}
