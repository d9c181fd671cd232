import { verifyLog } from '../../audit/verify-log';
import { eventHash, GENESIS_HASH } from '../event-hash';
import type { EventStore, LogImporter, RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { LogImportRefusedError } from '../log-import.rules';
import { ConformanceFixture, newEvent, newEvents, rejectionOf, TestClock, type ConformanceFactory } from './conformance-fixture';

/**
 * The behaviour every {@link LogImporter} shares (`cli copy` relies on it): a log written into an empty store keeps
 * every recorded field and answers the original appends' retries, and a page that breaks a stream's revisions or
 * hash chain is refused whole. The source is always an in-memory store, so each adapter is tested as a target.
 */
export function describeLogImporterConformance(name: string, factory: ConformanceFactory): void {
  describe(`${name} imports a recorded log`, () => {
    const fixture = new ConformanceFixture(factory);
    let source: InMemoryEventStore;
    let sourceClock: TestClock;
    beforeEach(async () => {
      await fixture.setUp();
      sourceClock = new TestClock();
      source = new InMemoryEventStore({ now: sourceClock.now });
    });
    afterEach(() => fixture.tearDown());

    const importerOf = (store: EventStore): LogImporter => {
      if (store.importer === undefined) throw new Error(`${name} has no importer`);
      return store.importer;
    };
    const withoutPosition = ({ position: _position, ...event }: RecordedEvent) => event;

    /** Appends of one, two and three events, a multi-stream append, at three instants. */
    async function writeHistory(): Promise<void> {
      await source.appendToStream('Case-a', newEvents(3), { expectedRevision: 'no-stream' });
      await source.appendToStream('Case-b', [newEvent({ data: { nested: { list: [1, 'two', null] }, text: 'é ✓' } })], { expectedRevision: 'no-stream' });
      sourceClock.advance(1000);
      await source.appendToStreams([
        { streamName: 'Case-a', events: newEvents(1), expectedRevision: 2n },
        { streamName: 'Country-x', events: newEvents(2), expectedRevision: 'no-stream' },
      ]);
      sourceClock.advance(1000);
      await source.appendToStream('Case-b', newEvents(2), { expectedRevision: 0n });
    }

    /** Copies the source in pages of `pageSize` (2 makes appends straddle pages). */
    async function copy(pageSize: number): Promise<RecordedEvent[]> {
      const events = await source.readAll({ limit: 1000 });
      const importer = importerOf(fixture.store);
      await importer.adoptLogId(await source.logId());
      for (let start = 0; start < events.length; start += pageSize) await importer.importRecorded(events.slice(start, start + pageSize));
      return events;
    }

    it('keeps ids, streams, revisions, recordedAt, data, metadata and hashes, in the same order, and the log id', async () => {
      await writeHistory();
      const events = await copy(2);
      const copied = await fixture.store.readAll({ limit: 1000 });
      expect(copied.map(withoutPosition)).toEqual(events.map(withoutPosition));
      const positions = copied.map((event) => event.position);
      expect([...positions].sort((a, b) => fixture.store.comparePositions(a, b))).toEqual(positions);
      expect(await fixture.store.logId()).toBe(await source.logId());
      expect(await fixture.store.streamRevision('Case-a')).toBe(3n);
      expect(await fixture.store.readStream('Case-b')).toEqual((await source.readStream('Case-b')).map((event) => expect.objectContaining(withoutPosition(event))));
    });

    it('answers a retry of an original append, also one whose events were imported in two pages', async () => {
      await writeHistory();
      const events = await copy(2);
      const caseA = events.filter((event) => event.streamName === 'Case-a').slice(0, 3);
      const retried = await fixture.store.appendToStream(
        'Case-a',
        caseA.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        { expectedRevision: 'no-stream' },
      );
      expect(retried).toMatchObject({ nextExpectedRevision: 2n, recordedAt: caseA[2].recordedAt });
      const country = events.filter((event) => event.streamName === 'Country-x');
      const again = await fixture.store.appendToStream('Country-x', country.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })), { expectedRevision: 'no-stream' });
      expect(again.nextExpectedRevision).toBe(1n);
      expect(await fixture.store.readAll({ limit: 1000 })).toHaveLength(events.length);
    });

    it('continues every chain: later appends verify with the imported events', async () => {
      await writeHistory();
      await copy(3);
      fixture.clock.set('2030-01-01T00:00:00.000Z');
      const result = await fixture.store.appendToStream('Case-a', newEvents(1), { expectedRevision: 3n });
      expect(result.nextExpectedRevision).toBe(4n);
      const report = await verifyLog(fixture.store);
      expect(report.problems.filter((problem) => problem.kind !== 'unsealed-tail')).toEqual([]);
      expect(report.checked).toBe(10);
    });

    it('refuses a page with a missing revision, and writes nothing of it', async () => {
      await writeHistory();
      const [a0, , a2] = await source.readAll({ limit: 3 });
      const error = await rejectionOf(importerOf(fixture.store).importRecorded([a0, a2]));
      expect(error).toBeInstanceOf(LogImportRefusedError);
      expect((error as Error).message).toContain("its revision is 2, the stream's next revision is 1");
      expect(await fixture.store.lastPosition()).toBeNull();
    });

    it('refuses an event whose content no longer matches its hash', async () => {
      await writeHistory();
      const [a0, a1] = await source.readAll({ limit: 2 });
      const edited = { ...a1, data: { n: 99 } };
      const error = await rejectionOf(importerOf(fixture.store).importRecorded([a0, edited]));
      expect((error as Error).message).toContain('its hash does not match');
      expect(await fixture.store.lastPosition()).toBeNull();
    });

    it('refuses an event whose stream already has that revision, or whose id is stored', async () => {
      await writeHistory();
      const page = await source.readAll({ limit: 2 });
      const importer = importerOf(fixture.store);
      await importer.importRecorded(page);
      expect(((await rejectionOf(importer.importRecorded(page))) as Error).message).toContain("the stream's next revision is 2");
      const moved = { ...page[0], streamName: 'Case-z' };
      const sameId = { ...moved, hash: eventHash(GENESIS_HASH, { ...moved, dataJson: JSON.stringify(moved.data), metadataJson: JSON.stringify(moved.metadata) }) };
      expect(((await rejectionOf(importer.importRecorded([sameId]))) as Error).message).toContain('its id is already in the log');
      expect(await fixture.store.readAll({ limit: 10 })).toHaveLength(2);
    });

    it('refuses a recordedAt that is not a UTC instant in toISOString() form', async () => {
      await writeHistory();
      const [a0] = await source.readAll({ limit: 1 });
      const error = await rejectionOf(importerOf(fixture.store).importRecorded([{ ...a0, recordedAt: '2024-03-01T10:00:00+01:00' }]));
      expect((error as Error).message).toContain('is not a UTC instant');
    });

    it('adopts a log id only while it holds no event', async () => {
      await writeHistory();
      const importer = importerOf(fixture.store);
      await importer.adoptLogId('0123456789abcdef0123456789abcdef');
      expect(await fixture.store.logId()).toBe('0123456789abcdef0123456789abcdef');
      await importer.importRecorded(await source.readAll({ limit: 1 }));
      const error = await rejectionOf(importer.adoptLogId(await source.logId()));
      expect(error).toBeInstanceOf(LogImportRefusedError);
      expect(await fixture.store.logId()).toBe('0123456789abcdef0123456789abcdef');
    });
  });
}
