import { describeEventStoreConformance } from '../event-store.conformance';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbClient } from './testing/fake-esdb-client';

/**
 * The shared conformance suite over a simulated EventStoreDB client (testing/fake-esdb-client.ts), which keeps
 * streams and `$all` in memory and answers as the real client does for the calls the adapter makes. It checks the
 * adapter's own logic (hash chains, idempotent retries, multi-stream plans, read windows, positions) on every build;
 * it is no substitute for the run against a server (esdb-event-store.int-spec.ts, with ESDB_TEST_URL).
 */
describeEventStoreConformance(
  'EsdbEventStore over a simulated client',
  async ({ now }) => {
    const client = new FakeEsdbClient();
    const opened: EsdbEventStore[] = [];
    const open = async () => {
      const store = await EsdbEventStore.withClient(client, 'esdb://simulated:2113', { now });
      opened.push(store);
      return store;
    };
    return {
      store: await open(),
      reopen: open,
      dispose: async () => {
        for (const store of opened) await store.close();
      },
    };
  },
  { durable: true, detectsIdReuseAcrossStreams: false },
);
