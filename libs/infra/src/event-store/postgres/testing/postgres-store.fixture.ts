import type { Pool } from 'pg';
import { openPostgresPool } from '../../../postgres/postgres-pool';
import type { TestDatabase } from '../../../postgres/testing/postgres-test-database';
import { PostgresEventStore, type PostgresEventStoreOptions } from '../postgres-event-store';
import { TestSchemas, type TestSchema } from './postgres-test-schema';

/**
 * Per-test PostgreSQL stores for the adapter's own specs: each test gets a fresh schema, pools on it and stores
 * opened on those pools; `cleanUp()` (in `afterEach`) closes and drops everything, `end()` (in `afterAll`) the rest.
 */
export class PostgresStoreFixture {
  private readonly schemas: TestSchemas;
  /** A promise, so concurrent first uses share one schema. */
  private schema: Promise<TestSchema> | null = null;
  private readonly pools: Pool[] = [];
  private readonly stores: PostgresEventStore[] = [];
  private observerPool: Pool | null = null;

  constructor(database: () => TestDatabase) {
    this.schemas = new TestSchemas(() => database().url);
  }

  /** This test's schema (created on first use). */
  async url(): Promise<string> {
    this.schema ??= this.schemas.create();
    return (await this.schema).url;
  }

  /** A pool of its own on this test's schema (as another process would have). */
  async pool(max = 4, applicationName?: string): Promise<Pool> {
    const pool = await openPostgresPool(await this.url(), { max, applicationName });
    this.pools.push(pool);
    return pool;
  }

  /** A store on a pool of its own. */
  async store(options: PostgresEventStoreOptions = {}, pool?: Pool): Promise<PostgresEventStore> {
    const store = await PostgresEventStore.open(pool ?? (await this.pool()), options);
    this.stores.push(store);
    return store;
  }

  /** A pool of its own that sees only what was committed. */
  async observer(): Promise<Pool> {
    this.observerPool ??= await this.pool(2);
    return this.observerPool;
  }

  /** Counts the committed events, through the observer. */
  async countEvents(): Promise<number> {
    const pool = await this.observer();
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
    return rows[0].n;
  }

  async cleanUp(): Promise<void> {
    for (const store of this.stores.splice(0)) await store.close();
    for (const pool of this.pools.splice(0)) await pool.end();
    this.observerPool = null;
    await (await this.schema)?.drop();
    this.schema = null;
  }

  async end(): Promise<void> {
    await this.cleanUp();
    await this.schemas.end();
  }
}
