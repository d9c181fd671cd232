import { DuplicateEventIdError } from '../event-store.errors';
import type { AppendResult, NewEvent } from '../event-store.port';
import { newEvent, newEvents, rejectionOf, type ConformanceFixture } from './conformance-fixture';

/**
 * Idempotent appends by event id. A retry of the same batch, with an expected revision the original append could
 * have used, returns the original result and writes nothing; any other reuse of an id is a DuplicateEventIdError.
 */
export function describeIdempotencyConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-b1';

  /** The whole log and the stream, to prove a call wrote nothing. */
  async function snapshot() {
    return {
      all: (await fixture.store.readAll({ limit: 1000 })).map((event) => event.id),
      stream: await fixture.store.streamRevision(stream),
      last: await fixture.store.lastPosition(),
    };
  }

  async function expectDuplicate(events: readonly NewEvent[], streamName = stream, expected: bigint | 'any' = 'any') {
    const before = await snapshot();
    const error = await rejectionOf(fixture.store.appendToStream(streamName, events, { expectedRevision: expected }));
    expect(error).toBeInstanceOf(DuplicateEventIdError);
    expect((error as DuplicateEventIdError).code).toBe('DUPLICATE_EVENT_ID');
    expect(await snapshot()).toEqual(before);
  }

  describe('idempotent append', () => {
    let firstBatch: NewEvent[];
    let secondBatch: NewEvent[];
    let firstResult: AppendResult;
    let secondResult: AppendResult;

    beforeEach(async () => {
      firstBatch = newEvents(2);
      secondBatch = newEvents(3);
      firstResult = await fixture.store.appendToStream(stream, firstBatch, { expectedRevision: 'no-stream' });
      secondResult = await fixture.store.appendToStream(stream, secondBatch, { expectedRevision: 1n });
    });

    it('returns the original result for the same batch and expected revision, writing nothing', async () => {
      const before = await snapshot();
      expect(await fixture.store.appendToStream(stream, firstBatch, { expectedRevision: 'no-stream' })).toEqual(
        firstResult,
      );
      expect(await fixture.store.appendToStream(stream, secondBatch, { expectedRevision: 1n })).toEqual(secondResult);
      expect(await snapshot()).toEqual(before);
      expect(before.all).toHaveLength(5);
    });

    it("returns the original result for a retry with 'any', and with 'stream-exists' after the first batch", async () => {
      const before = await snapshot();
      expect(await fixture.store.appendToStream(stream, firstBatch, { expectedRevision: 'any' })).toEqual(firstResult);
      expect(await fixture.store.appendToStream(stream, secondBatch, { expectedRevision: 'any' })).toEqual(
        secondResult,
      );
      expect(await fixture.store.appendToStream(stream, secondBatch, { expectedRevision: 'stream-exists' })).toEqual(
        secondResult,
      );
      expect(await snapshot()).toEqual(before);
    });

    it('treats a retry whose expected revision would place the batch elsewhere as a duplicate', async () => {
      await expectDuplicate(secondBatch, stream, 0n);
      await expectDuplicate(secondBatch, stream, 4n);
      const before = await snapshot();
      await expect(
        fixture.store.appendToStream(stream, firstBatch, { expectedRevision: 'stream-exists' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(
        fixture.store.appendToStream(stream, secondBatch, { expectedRevision: 'no-stream' }),
      ).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await snapshot()).toEqual(before);
    });

    fixture.itAcrossStreams('rejects an id reused in another stream and writes nothing there', async () => {
      await expectDuplicate([firstBatch[0]], 'licence-b2');
      expect(await fixture.store.streamRevision('licence-b2')).toBeNull();
    });

    it('rejects part of a batch, a reordered batch, a batch plus new events, and two batches joined', async () => {
      await expectDuplicate([secondBatch[0], secondBatch[1]]);
      await expectDuplicate([secondBatch[1], secondBatch[2]]);
      await expectDuplicate([secondBatch[1], secondBatch[0], secondBatch[2]]);
      await expectDuplicate([...firstBatch, newEvent()]);
      await expectDuplicate([newEvent(), ...firstBatch]);
      await expectDuplicate([...firstBatch, ...secondBatch]);
    });

    it('matches a retry by ids only, as the port specifies: the stored events stay as first written', async () => {
      const changed = firstBatch.map((event) => ({ ...event, type: 'Changed', data: { changed: true } }));
      expect(await fixture.store.appendToStream(stream, changed, { expectedRevision: 'no-stream' })).toEqual(
        firstResult,
      );
      const stored = await fixture.store.readStream(stream, { maxCount: 2 });
      expect(stored.map((event) => [event.type, event.data])).toEqual(firstBatch.map((e) => [e.type, e.data]));
    });
  });
}
