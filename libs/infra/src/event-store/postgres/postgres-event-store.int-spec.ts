import { openPostgresPool } from '../../postgres/postgres-pool';
import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { describeEventStoreConformance, type ConformanceFactory } from '../event-store.conformance';
import { describeLogImporterConformance } from '../conformance/log-importer.cases';
import { PostgresEventStore } from './postgres-event-store';
import { TestSchemas } from './testing/postgres-test-schema';

describeWithPostgres('PostgresEventStore conformance', (database) => {
  const schemas = new TestSchemas(() => database().url);
  afterAll(() => schemas.end());

  // Every test gets an empty store in a schema of its own, on a pool of its own (search_path is per connection).
  const factory: ConformanceFactory = async ({ now }) => {
    const schema = await schemas.create();
    const pool = await openPostgresPool(schema.url, { max: 4 });
    const stores: PostgresEventStore[] = [];
    const open = async () => {
      const store = await PostgresEventStore.open(pool, { now });
      stores.push(store);
      return store;
    };
    return {
      store: await open(),
      reopen: open,
      dispose: async () => {
        for (const store of stores) await store.close();
        await pool.end();
        await schema.drop();
      },
    };
  };
  describeEventStoreConformance('PostgresEventStore', factory, { durable: true });
  describeLogImporterConformance('PostgresEventStore', factory);
});
