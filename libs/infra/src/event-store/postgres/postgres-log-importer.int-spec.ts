import { openPostgresPool } from '../../postgres/postgres-pool';
import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvent, newEvents, rejectionOf } from '../conformance/conformance-fixture';
import { TestClock } from '../event-store.conformance';
import type { NewEvent, RecordedEvent } from '../event-store.port';
import { eventHash } from '../event-hash';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { LogImportRefusedError } from '../log-import.rules';
import type { PostgresEventStore } from './postgres-event-store';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';
import { TcpProxy } from './testing/tcp-proxy';

/**
 * `cli copy` into PostgreSQL, beyond the shared importer conformance: transactions, the head, the schema's triggers
 * and a lost connection.
 */
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

  it('adopts a log id only while the store holds no event, and only one its schema can hold', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    const original = await target.logId();
    expect(original).toMatch(/^[0-9a-f]{32}$/);
    for (const unfit of [' ', 'x'.repeat(129)]) {
      const error = await rejectionOf(target.importer.adoptLogId(unfit));
      expect(error).toBeInstanceOf(LogImportRefusedError);
      expect((error as Error).message).toContain('1 to 128 characters');
    }
    await target.importer.adoptLogId('x'.repeat(128));
    expect(await target.logId()).toBe('x'.repeat(128));
    await target.importer.importRecorded(events.slice(0, 1));
    const refused = await rejectionOf(target.importer.adoptLogId('a'.repeat(32)));
    expect(refused).toBeInstanceOf(LogImportRefusedError);
    expect((refused as Error).message).toMatch(/already holds events/);
    expect(await target.logId()).toBe('x'.repeat(128));
    // The schema refuses it too, whoever asks.
    const observer = await fixture.observer();
    await expect(observer.query("UPDATE log_head SET log_id = 'other'")).rejects.toThrow(/fixed/);
  });

  it('refuses a whole page when an event is not the next revision of its stream: nothing written, head unmoved', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    await target.importer.importRecorded(events.slice(0, 2));
    // events[2] (licence-1 revision 2) is left out: licence-1 revision 3 would leave a hole.
    const page = [events[3], events[4], events[6]];
    const error = await rejectionOf(target.importer.importRecorded(page));
    expect(error).toBeInstanceOf(LogImportRefusedError);
    expect((error as Error).message).toContain(`Cannot import event ${events[6].id} (licence-1 revision 3)`);
    expect((error as Error).message).toContain("the stream's next revision is 2");
    expect(await fixture.countEvents()).toBe(2);
    expect(await target.lastPosition()).toBe('2');
    expect(await target.streamRevision('policy-1')).toBeNull();
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
      expect(error).toBeInstanceOf(LogImportRefusedError);
      expect((error as Error).message).toContain('its hash does not match');
    }
    const offForm = await rejectionOf(
      target.importer.importRecorded([{ ...events[0], recordedAt: '2023-06-01T10:00:00+02:00' }]),
    );
    expect(offForm).toBeInstanceOf(LogImportRefusedError);
    expect(await fixture.countEvents()).toBe(0);
    expect(await target.lastPosition()).toBeNull();
  });

  it('refuses a page sent again and an id already stored or given twice, writing nothing', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    await target.importer.importRecorded(events.slice(0, 4));
    const again = await rejectionOf(target.importer.importRecorded(events.slice(2, 6)));
    expect(again).toBeInstanceOf(LogImportRefusedError);
    expect((again as Error).message).toContain("its revision is 2, the stream's next revision is 3");

    // events[4] is policy-1 revision 1: re-identified and re-hashed, so only its id is wrong.
    const reused = rehashed({ ...events[4], id: events[0].id }, events[3].hash);
    expect(((await rejectionOf(target.importer.importRecorded([reused]))) as Error).message).toContain('its id is already in the log');
    const twice = rehashed({ ...events[4], revision: 2n }, events[4].hash);
    expect(((await rejectionOf(target.importer.importRecorded([events[4], twice]))) as Error).message).toContain('its id is already in the log');
    expect(await fixture.countEvents()).toBe(4);
    expect(await target.lastPosition()).toBe('4');
  });

  it('records the original appends, also across pages, and keeps events append-only after resizing one', async () => {
    const { events } = await sourceLog();
    const target = await fixture.store();
    // Pages of 2: licence-1's first append (3 events) straddles two pages, so its stored size grows from 2 to 3.
    await importInPages(target, events, 2);
    const observer = await fixture.observer();
    const { rows } = await observer.query<{ stream_name: string; batch_index: number; batch_size: number }>(
      'SELECT stream_name, batch_index, batch_size FROM events ORDER BY position',
    );
    expect(rows.map((row) => [row.stream_name, row.batch_index, row.batch_size])).toEqual([
      ['licence-1', 0, 3],
      ['licence-1', 1, 3],
      ['licence-1', 2, 3],
      ['policy-1', 0, 2],
      ['policy-1', 1, 2],
      ['licence-2', 0, 1],
      ['licence-1', 0, 2],
      ['licence-1', 1, 2],
    ]);
    // The trigger was lifted inside the page's transaction only.
    await expect(observer.query('UPDATE events SET batch_size = 9')).rejects.toThrow(/append-only/);
    await expect(observer.query('DELETE FROM events')).rejects.toThrow(/append-only/);
  });

  it('finishes a page whose COMMIT answer was lost: the rerun finds it stored and writes it once', async () => {
    const { events } = await sourceLog();
    const target = new URL(await fixture.url());
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    const viaProxy = new URL(target);
    viaProxy.port = String(proxy.port);
    const pool = await openPostgresPool(viaProxy.toString(), { max: 2 });
    try {
      const store = await fixture.store({}, pool);
      await store.importer.importRecorded(events.slice(0, 2));
      proxy.loseNextCommitReply();
      await store.importer.importRecorded(events.slice(2, 5));
      expect(await fixture.countEvents()).toBe(5);
      expect((await store.readAll({ limit: 100 })).map((event) => event.id)).toEqual(events.slice(0, 5).map((event) => event.id));
      // Only the session's own rerun is answered so: the same page sent again by the caller is refused.
      await expect(store.importer.importRecorded(events.slice(2, 5))).rejects.toBeInstanceOf(LogImportRefusedError);
    } finally {
      await fixture.cleanUp();
      await pool.end();
      await proxy.stop();
    }
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

/** `event` with the hash it would have had, chained to `previousHash`. */
function rehashed(event: RecordedEvent, previousHash: string): RecordedEvent {
  const texts = { dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) };
  return { ...event, hash: eventHash(previousHash, { ...event, ...texts }) };
}
