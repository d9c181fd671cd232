import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvent, newEvents, rejectionOf } from '../conformance/conformance-fixture';
import { TestClock } from '../event-store.conformance';
import { DuplicateEventIdError } from '../event-store.errors';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { eventHash } from '../event-hash';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import type { PostgresEventStore } from './postgres-event-store';
import { ImportRefusedError } from './postgres-log-importer';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';

/** `cli copy` into PostgreSQL: a log recorded elsewhere is written byte for byte, or a page is refused whole. */
describeWithPostgres('PostgresEventStore importer', (database) => {
  const fixture = new PostgresStoreFixture(database);
  afterEach(() => fixture.cleanUp());
  afterAll(() => fixture.end());

  /** A source log recorded over two days by another store, with multi-event batches and interleaved streams. */
  async function sourceLog(): Promise<{ source: InMemoryEventStore; events: RecordedEvent[]; single: NewEvent }> {
    const clock = new TestClock();
    clock.set('2023-06-01T08:00:00.000Z');
    const source = new InMemoryEventStore({ now: clock.now });
    await source.appendToStream('licence-1', newEvents(3), { expectedRevision: 'no-stream' });
    clock.advance(86_400_000);
    await source.appendToStream('policy-1', newEvents(2), { expectedRevision: 'no-stream' });
    const single = newEvent({ data: { ü: 'ünï', z: 1, a: [1.5, null] } });
    await source.appendToStream('licence-2', [single], { expectedRevision: 'no-stream' });
    clock.advance(1_000);
    await source.appendToStream('licence-1', newEvents(2), { expectedRevision: 2n });
    return { source, events: await source.readAll({ limit: 100 }), single };
  }

  /** Imports `events` in pages of `size`. */
  async function importInPages(target: PostgresEventStore, events: readonly RecordedEvent[], size: number) {
    for (let start = 0; start < events.length; start += size) {
      await target.importer.importRecorded(events.slice(start, start + size));
    }
  }

  it('writes every event as recorded (ids, streams, revisions, instants, data, hashes) under its log id', async () => {
    const { source, events, single } = await sourceLog();
    const target = await fixture.store({ now: () => new Date('2030-01-01T00:00:00.000Z') });
    await target.importer.adoptLogId(await source.logId());
    await importInPages(target, events, 3);

    expect(await target.logId()).toBe(await source.logId());
    expect(await target.readAll({ limit: 100 })).toEqual(events);
    expect(await target.readStream('licence-1')).toEqual(await source.readStream('licence-1'));
    expect(await target.lastPosition()).toBe(events[events.length - 1].position);
    expect(await target.countEvents(['licence'])).toBe(6);

    // The log continues: the chain, the revisions and recordedAt (never before the last imported instant).
    const next = await target.appendToStream('licence-1', [newEvent()], { expectedRevision: 4n });
    expect(next.recordedAt).toBe('2030-01-01T00:00:00.000Z');
    const [last, previous] = await target.readStream('licence-1', { direction: 'backwards', maxCount: 2 });
    const texts = { dataJson: JSON.stringify(last.data), metadataJson: JSON.stringify(last.metadata) };
    expect(last.hash).toBe(eventHash(previous.hash, { ...last, ...texts }));
    // A single-event append made before the copy is still answered idempotently after it.
    const [imported] = await source.readStream('licence-2');
    expect(await target.appendToStream('licence-2', [single], { expectedRevision: 'no-stream' })).toEqual({
      nextExpectedRevision: 0n,
      position: imported.position,
      recordedAt: imported.recordedAt,
    });
  });

  it('adopts a log id only while the store holds no event', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    const original = await target.logId();
    expect(original).toMatch(/^[0-9a-f]{32}$/);
    await target.importer.importRecorded(events.slice(0, 1));
    await expect(target.importer.adoptLogId('a'.repeat(32))).rejects.toThrow(/holds no event/);
    expect(await target.logId()).toBe(original);
    // The schema refuses it too, whoever asks.
    const observer = await fixture.observer();
    await expect(observer.query("UPDATE log_head SET log_id = 'other'")).rejects.toThrow(/fixed/);
    await expect(target.importer.adoptLogId(' ')).rejects.toThrow(TypeError);
  });

  it('refuses a whole page when an event is not the next revision of its stream', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    await target.importer.importRecorded(events.slice(0, 2));
    // events[2] (licence-1 revision 2) is left out: licence-1 revision 3 would leave a hole.
    const page = [events[3], events[4], events[6]];
    const error = await rejectionOf(target.importer.importRecorded(page));
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect((error as ImportRefusedError).eventId).toBe(events[6].id);
    expect((error as Error).message).toMatch(/revision 3 of licence-1, expected 2/);
    expect(await fixture.countEvents()).toBe(2);
  });

  it('refuses a whole page when a hash does not chain: altered data, instant or hash', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    const altered: RecordedEvent[] = [
      { ...events[1], data: { n: 99 } },
      { ...events[1], recordedAt: '2023-06-01T08:00:00.001Z' },
      { ...events[1], hash: events[0].hash },
    ];
    for (const tampered of altered) {
      const error = await rejectionOf(target.importer.importRecorded([events[0], tampered, events[2]]));
      expect(error).toBeInstanceOf(ImportRefusedError);
      expect((error as Error).message).toMatch(/does not chain/);
    }
    const offForm = await rejectionOf(
      target.importer.importRecorded([{ ...events[0], recordedAt: '2023-06-01T10:00:00+02:00' }]),
    );
    expect(offForm).toBeInstanceOf(ImportRefusedError);
    expect(await fixture.countEvents()).toBe(0);
    expect(await target.lastPosition()).toBeNull();
  });

  it('accepts a page sent again, but refuses an id already stored as another event', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    await target.importer.importRecorded(events.slice(0, 4));
    await target.importer.importRecorded(events.slice(2, 6));
    const ids = (list: readonly RecordedEvent[]) => list.map((event) => event.id);
    expect(ids(await target.readAll({ limit: 100 }))).toEqual(ids(events.slice(0, 6)));

    const reused = { ...events[6], id: events[0].id };
    const error = await rejectionOf(target.importer.importRecorded([reused]));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    const twice = await rejectionOf(target.importer.importRecorded([events[6], events[6]]));
    expect(twice).toBeInstanceOf(DuplicateEventIdError);
    expect(await fixture.countEvents()).toBe(6);
  });

  it('takes turns with appends: an imported page gets the next positions, after what was appended', async () => {
    const target = await fixture.store();
    const appended = await target.appendToStream('audit', [newEvent()], { expectedRevision: 'no-stream' });
    const { events } = await sourceLog();
    await target.importer.importRecorded(events.slice(0, 3));
    const all = await target.readAll({ limit: 10 });
    expect(all.map((event) => event.position)).toEqual(['1', '2', '3', '4']);
    expect(all[0].position).toBe(appended.position);
    expect(all.slice(1).map((event) => event.hash)).toEqual(events.slice(0, 3).map((event) => event.hash));
  });
});
