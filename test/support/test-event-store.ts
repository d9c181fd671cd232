import path from 'node:path';
import { PostgresEventStore, SqliteEventStore, type EventStore, type RecordedEvent } from '@app/infra';
import { testStoreEnv, testStoreKind } from './test-store';

/**
 * Opens the event store of a test data directory beside (or instead of) its server, on whichever store the suites
 * run on (test-store.ts): `DATA_DIR/events.sqlite`, or the data directory's PostgreSQL database.
 */
export async function openTestEventStore(dataDir: string, options: { now?: () => Date } = {}): Promise<EventStore> {
  if (testStoreKind() === 'sqlite') return SqliteEventStore.open(path.join(dataDir, 'events.sqlite'), options);
  const { EVENT_STORE } = await testStoreEnv(dataDir);
  return PostgresEventStore.connect(EVENT_STORE, options);
}

/** Every event of the log in order, filtered: the log as an auditor reads it, page by page. */
export async function readWholeLog(store: EventStore, keep: (event: RecordedEvent) => boolean = () => true): Promise<RecordedEvent[]> {
  const kept: RecordedEvent[] = [];
  for (let after: RecordedEvent['position'] | undefined; ; ) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), limit: 5_000 });
    kept.push(...page.filter(keep));
    if (page.length < 5_000) return kept;
    after = page[page.length - 1].position;
  }
}
