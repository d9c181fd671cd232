import { describeEventStoreConformance } from '../event-store.conformance';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreConformance('InMemoryEventStore', async ({ now }) => {
  const store = new InMemoryEventStore({ now });
  return { store, dispose: () => store.close() };
});
