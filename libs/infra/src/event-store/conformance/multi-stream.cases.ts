import { eventHash, GENESIS_HASH } from '../event-hash';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type { RecordedEvent, StreamAppend } from '../event-store.port';
import { newEvent, newEvents, rejectionOf, type ConformanceFixture } from './conformance-fixture';

/**
 * `appendToStreams`: one result per part, in order; each part checked against its own expected revision and ruled
 * on by the same idempotency rules as `appendToStream`; all or nothing. Every adapter here is transactional, so
 * the all-or-nothing cases apply to all of them (an adapter without multi-stream transactions would need its own).
 */
export function describeMultiStreamConformance(fixture: ConformanceFixture): void {
  const [a, b, c] = ['licence-m1', 'licence-m2', 'policy-m3'];

  /** The whole log, every stream's revision and the last position, to prove a call wrote nothing. */
  async function snapshot() {
    const { store } = fixture;
    return {
      log: (await store.readAll({ limit: 1000 })).map((event) => event.id),
      revisions: [await store.streamRevision(a), await store.streamRevision(b), await store.streamRevision(c)],
      last: await store.lastPosition(),
    };
  }

  /** `a` at revision 1 and `b` at revision 0; `c` does not exist. */
  async function seed(): Promise<void> {
    await fixture.store.appendToStream(a, newEvents(2), { expectedRevision: 'no-stream' });
    await fixture.store.appendToStream(b, newEvents(1), { expectedRevision: 'no-stream' });
  }

  /** The same three parts every case starts from, with fresh ids. */
  function threeParts(): StreamAppend[] {
    return [
      { streamName: a, events: newEvents(2), expectedRevision: 1n },
      { streamName: b, events: newEvents(1), expectedRevision: 'stream-exists' },
      { streamName: c, events: newEvents(3), expectedRevision: 'no-stream' },
    ];
  }

  /** The hash `event` should carry, recomputed from what the store returns. */
  function recomputed(previousHash: string, event: RecordedEvent): string {
    return eventHash(previousHash, { ...event, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) });
  }

  describe('appendToStreams', () => {
    beforeEach(seed);

    it('answers one result per part, in order, each with its stream revision, position and the instant', async () => {
      const { store, clock } = fixture;
      clock.advance(1000);
      const parts = threeParts();
      const results = await store.appendToStreams(parts);

      expect(results.map((result) => result.nextExpectedRevision)).toEqual([3n, 1n, 2n]);
      expect(results.every((result) => result.recordedAt === clock.iso())).toBe(true);
      for (const [index, part] of parts.entries()) {
        const stored = await store.readStream(part.streamName, { direction: 'backwards', maxCount: part.events.length });
        expect(stored.map((event) => event.id).reverse()).toEqual(part.events.map((event) => event.id));
        expect(results[index].position).toBe(stored[0].position);
      }
      expect(store.comparePositions(results[0].position, results[1].position)).toBeLessThan(0);
      expect(store.comparePositions(results[1].position, results[2].position)).toBeLessThan(0);
    });

    it('writes the parts to the global log in order, one after the other, with nothing between them', async () => {
      const { store } = fixture;
      const before = await store.lastPosition();
      const parts = threeParts();
      const results = await store.appendToStreams(parts);

      const log = await store.readAll({ after: before!, limit: 100 });
      expect(log.map((event) => [event.streamName, event.id])).toEqual(
        parts.flatMap((part) => part.events.map((event) => [part.streamName, event.id])),
      );
      for (let i = 1; i < log.length; i++) expect(store.comparePositions(log[i - 1].position, log[i].position)).toBeLessThan(0);
      expect(log.at(-1)!.position).toBe(results[2].position);
      expect(await store.lastPosition()).toBe(results[2].position);
    });

    it.each([0, 1, 2])('writes nothing when part %i is not at its expected revision, and names that stream', async (wrong) => {
      const { store } = fixture;
      const parts = threeParts();
      const stale = [0n, 'no-stream', 'stream-exists'] as const;
      const actual = [1n, 0n, null];
      parts[wrong] = { ...parts[wrong], expectedRevision: stale[wrong] };
      const before = await snapshot();

      const error = await rejectionOf(store.appendToStreams(parts));
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: parts[wrong].streamName, expectedRevision: stale[wrong], actualRevision: actual[wrong] });
      expect(await snapshot()).toEqual(before);
      // Nothing was reserved either: the same parts with the right revision then go through.
      parts[wrong] = threeParts()[wrong];
      expect((await store.appendToStreams(parts)).map((result) => result.nextExpectedRevision)).toEqual([3n, 1n, 2n]);
    });

    it('answers a retry of the same multi-stream append with the original results and writes nothing', async () => {
      const { store, clock } = fixture;
      const parts = threeParts();
      const original = await store.appendToStreams(parts);
      const before = await snapshot();

      clock.advance(60_000);
      expect(await store.appendToStreams(parts)).toEqual(original);
      // The streams move on; the very request sent earlier still gets its answer back.
      await store.appendToStream(a, [newEvent()], { expectedRevision: 3n });
      const moved = await snapshot();
      expect(await store.appendToStreams(parts)).toEqual(original);
      expect(await snapshot()).toEqual(moved);
      expect(moved.log).toEqual([...before.log, moved.log.at(-1)]);
    });

    it('rules on each part by itself: a part already stored answers its original result, a new part is written', async () => {
      const { store } = fixture;
      const done = { streamName: b, events: newEvents(1), expectedRevision: 0n } as const;
      const first = await store.appendToStream(done.streamName, done.events, { expectedRevision: done.expectedRevision });
      const fresh = { streamName: c, events: newEvents(1), expectedRevision: 'no-stream' } as const;

      const [again, written] = await store.appendToStreams([done, fresh]);
      expect(again).toEqual(first);
      expect(written.nextExpectedRevision).toBe(0n);
      expect(await store.streamRevision(b)).toBe(1n);
    });

    fixture.itAcrossStreams('writes nothing when a part reuses ids stored in another stream, and names the id', async () => {
      const { store } = fixture;
      const [stored] = await store.readStream(a, { maxCount: 1 });
      const parts = threeParts();
      parts[2] = { ...parts[2], events: [newEvent(), { ...newEvent(), id: stored.id }] };
      const before = await snapshot();

      const error = await rejectionOf(store.appendToStreams(parts));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect((error as DuplicateEventIdError).eventId).toBe(stored.id);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses, before writing anything, an empty list, a stream named twice, an id in two parts, a bad part', async () => {
      const { store } = fixture;
      const before = await snapshot();
      const shared = newEvent();
      const parts = threeParts();

      await expect(store.appendToStreams([])).rejects.toThrow(RangeError);
      await expect(store.appendToStreams([parts[0], { ...parts[1], streamName: a }])).rejects.toThrow(/twice/);
      const error = await rejectionOf(
        store.appendToStreams([
          { ...parts[0], events: [shared] },
          { ...parts[2], events: [newEvent(), shared] },
        ]),
      );
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect((error as DuplicateEventIdError).eventId).toBe(shared.id);
      await expect(store.appendToStreams([parts[0], { ...parts[1], events: [] }])).rejects.toThrow(RangeError);
      await expect(store.appendToStreams([parts[0], { ...parts[2], expectedRevision: -1n }])).rejects.toThrow(RangeError);
      await expect(store.appendToStreams([parts[0], { ...parts[2], streamName: ' ' }])).rejects.toThrow(TypeError);
      expect(await snapshot()).toEqual(before);
    });

    it('continues every stream hash chain across the parts and into later single appends', async () => {
      const { store, clock } = fixture;
      clock.advance(1000);
      await store.appendToStreams(threeParts());
      clock.advance(1000);
      await store.appendToStream(a, newEvents(1), { expectedRevision: 3n });
      await store.appendToStream(c, newEvents(2), { expectedRevision: 2n });
      await store.appendToStreams([
        { streamName: b, events: newEvents(1), expectedRevision: 1n },
        { streamName: c, events: newEvents(1), expectedRevision: 4n },
      ]);

      for (const [stream, length] of [[a, 5], [b, 3], [c, 6]] as const) {
        const events = await store.readStream(stream);
        expect(events).toHaveLength(length);
        events.forEach((event, index) => {
          expect(event.hash).toBe(recomputed(index === 0 ? GENESIS_HASH : events[index - 1].hash, event));
        });
      }
    });
  });
}
