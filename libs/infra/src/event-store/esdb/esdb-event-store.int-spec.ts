import { randomUUID } from 'node:crypto';
import { describeEventStoreConformance } from '../event-store.conformance';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The shared conformance suite against a real EventStoreDB / KurrentDB, when ESDB_TEST_URL names one
 * (e.g. `docker run -p 2113:2113 eventstore/eventstore:24.10 --insecure --run-projections=None`, then
 * `ESDB_TEST_URL=esdb://localhost:2113?tls=false`). The suite uses fixed stream names and expects an empty log per
 * test, so each test gets a store with a fresh stream prefix: it sees only its own streams on the shared server.
 */
const url = process.env.ESDB_TEST_URL;

if (url === undefined || url === '') {
  describe.skip('EsdbEventStore conformance [skipped: set ESDB_TEST_URL=esdb://host:2113?tls=false to run it]', () => {
    it('needs an EventStoreDB server', () => undefined);
  });
} else {
  describeEventStoreConformance(
    'EsdbEventStore',
    async ({ now }) => {
      const streamPrefix = `t${randomUUID().replace(/-/g, '').slice(0, 12)}_`;
      const opened: EsdbEventStore[] = [];
      const open = async () => {
        const store = await EsdbEventStore.connect(url, { now, streamPrefix });
        opened.push(store);
        return store;
      };
      return {
        store: await open(),
        reopen: open,
        dispose: async () => {
          await Promise.all(opened.map((store) => store.close()));
        },
      };
    },
    { durable: true, detectsIdReuseAcrossStreams: false },
  );
}
