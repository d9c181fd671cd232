import { describeLogImporterConformance } from './conformance/log-importer.cases';
import { InMemoryEventStore } from './in-memory/in-memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { sqliteFileFixture } from './sqlite/testing/sqlite-file.fixture';

describeLogImporterConformance('InMemoryEventStore', async ({ now }) => {
  const store = new InMemoryEventStore({ now });
  return { store, dispose: () => store.close() };
});

describeLogImporterConformance('SqliteEventStore', async ({ now }) => {
  const fixture = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file, { now }));
  return { store: fixture.open(), reopen: async () => fixture.open(), dispose: fixture.dispose };
});

describe('SqliteEventStore import (SQLite specifics)', () => {
  it('keeps the adopted log id and the imported events across a reopen, and its triggers still refuse edits', async () => {
    const source = new InMemoryEventStore();
    await source.appendToStream('Case-a', [{ id: 'e-1', type: 'T', data: { n: 1 }, metadata: { actor: 'a', correlationId: 'c', causationId: null, schemaVersion: 1 } }], { expectedRevision: 'no-stream' });
    const fixture = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file));
    try {
      const target = fixture.open();
      await target.importer.adoptLogId(await source.logId());
      await target.importer.importRecorded(await source.readAll({ limit: 10 }));
      await target.close();
      const reopened = fixture.open();
      expect(await reopened.logId()).toBe(await source.logId());
      expect((await reopened.readAll({ limit: 10 })).map((event) => event.hash)).toEqual((await source.readAll({ limit: 10 })).map((event) => event.hash));
      expect(() => reopened.database.exec("UPDATE events SET type = 'X'")).toThrow('events are append-only');
      expect(() => reopened.database.exec("UPDATE log_identity SET log_id = 'ffffffffffffffffffffffffffffffff'")).toThrow('the log identity is fixed');
    } finally {
      await fixture.dispose();
    }
  });

  it('refuses a log id the schema cannot hold', async () => {
    const fixture = sqliteFileFixture('events.sqlite', (file) => SqliteEventStore.open(file));
    try {
      await expect(fixture.open().importer.adoptLogId('not-a-log-id')).rejects.toThrow('32 lower-case hex digits');
    } finally {
      await fixture.dispose();
    }
  });
});
