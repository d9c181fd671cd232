import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { newEvent, newEvents, rejectionOf, type ConformanceFixture } from './conformance-fixture';

/** Appends: revisions, expected-revision rules, atomicity and input validation. */
export function describeAppendConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-a1';

  /** Asserts `promise` rejects with a WrongExpectedVersionError carrying exactly these fields. */
  async function expectWrongVersion(
    promise: Promise<unknown>,
    expectedRevision: ExpectedRevision,
    actualRevision: bigint | null,
  ): Promise<void> {
    const error = await rejectionOf(promise);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    const wrong = error as WrongExpectedVersionError;
    expect(wrong).toBeInstanceOf(Error);
    expect(wrong.code).toBe('WRONG_EXPECTED_VERSION');
    expect(wrong.streamName).toBe(stream);
    expect(wrong.expectedRevision).toBe(expectedRevision);
    expect(wrong.actualRevision).toBe(actualRevision);
    if (actualRevision !== null) expect(typeof wrong.actualRevision).toBe('bigint');
  }

  describe('appendToStream', () => {
    it("creates a stream with 'no-stream': revisions 0..n-1, increasing positions", async () => {
      const { store } = fixture;
      const result = await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' });
      expect(result.nextExpectedRevision).toBe(2n);
      const events = await store.readStream(stream);
      expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(events.every((event) => typeof event.revision === 'bigint')).toBe(true);
      expect(store.comparePositions(events[0].position, events[1].position)).toBeLessThan(0);
      expect(store.comparePositions(events[1].position, events[2].position)).toBeLessThan(0);
      expect(result.position).toBe(events[2].position);
    });

    it('answers when it recorded the append, and an idempotent retry answers the original instant', async () => {
      const { store, clock } = fixture;
      const batch = newEvents(2);
      const result = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      expect(result.recordedAt).toBe(clock.iso());
      expect((await store.readStream(stream)).map((event) => event.recordedAt)).toEqual([result.recordedAt, result.recordedAt]);

      clock.advance(60_000);
      const retry = await store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      expect(retry).toEqual(result);
      const next = await store.appendToStream(stream, [newEvent()], { expectedRevision: 1n });
      expect(next.recordedAt).toBe(clock.iso());
    });

    it('continues revisions with an exact expected revision', async () => {
      const { store } = fixture;
      const first = await store.appendToStream(stream, newEvents(2), { expectedRevision: 'no-stream' });
      const second = await store.appendToStream(stream, newEvents(2), { expectedRevision: first.nextExpectedRevision });
      expect(second.nextExpectedRevision).toBe(3n);
      expect(store.comparePositions(first.position, second.position)).toBeLessThan(0);
      expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(await store.streamRevision(stream)).toBe(3n);
    });

    it("rejects 'no-stream' on an existing stream with the actual revision", async () => {
      await fixture.store.appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' });
      await expectWrongVersion(
        fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' }),
        'no-stream',
        2n,
      );
    });

    it("rejects 'stream-exists' on a missing stream (actual null) and accepts it on an existing one", async () => {
      const { store } = fixture;
      await expectWrongVersion(
        store.appendToStream(stream, [newEvent()], { expectedRevision: 'stream-exists' }),
        'stream-exists',
        null,
      );
      expect(await store.streamRevision(stream)).toBeNull();
      await store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });
      const result = await store.appendToStream(stream, [newEvent()], { expectedRevision: 'stream-exists' });
      expect(result.nextExpectedRevision).toBe(1n);
    });

    it('rejects an exact revision that is ahead, stale, or names a missing stream', async () => {
      const { store } = fixture;
      await expectWrongVersion(store.appendToStream(stream, [newEvent()], { expectedRevision: 0n }), 0n, null);
      await store.appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' });
      await expectWrongVersion(store.appendToStream(stream, [newEvent()], { expectedRevision: 5n }), 5n, 2n);
      await expectWrongVersion(store.appendToStream(stream, [newEvent()], { expectedRevision: 1n }), 1n, 2n);
      expect(await store.readStream(stream)).toHaveLength(3);
    });

    it("accepts 'any' on a missing and on an existing stream", async () => {
      const { store } = fixture;
      expect((await store.appendToStream(stream, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(
        0n,
      );
      expect((await store.appendToStream(stream, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(
        1n,
      );
    });

    it('keeps streams independent', async () => {
      const { store } = fixture;
      await store.appendToStream('licence-a1', newEvents(2), { expectedRevision: 'no-stream' });
      const other = await store.appendToStream('licence-a2', newEvents(1), { expectedRevision: 'no-stream' });
      expect(other.nextExpectedRevision).toBe(0n);
      expect(await store.streamRevision('licence-a1')).toBe(1n);
    });
  });

  describe('appendToStream atomicity', () => {
    /** Asserts the log holds exactly `count` events and the stream `expectedRevision` (null: missing). */
    async function expectUnchanged(count: number, revision: bigint | null): Promise<void> {
      expect(await fixture.store.readAll({ limit: 100 })).toHaveLength(count);
      expect(await fixture.store.streamRevision(stream)).toBe(revision);
    }

    fixture.itAcrossStreams('writes nothing of a batch whose later event reuses a stored id', async () => {
      const { store } = fixture;
      const stored = newEvent();
      await store.appendToStream('licence-other', [stored], { expectedRevision: 'no-stream' });
      const error = await rejectionOf(
        store.appendToStream(stream, [newEvent(), newEvent(), stored], { expectedRevision: 'any' }),
      );
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect((error as DuplicateEventIdError).eventId).toBe(stored.id);
      await expectUnchanged(1, null);
    });

    it('writes nothing of a batch that repeats an id within itself', async () => {
      const event = newEvent();
      const error = await rejectionOf(
        fixture.store.appendToStream(stream, [event, newEvent(), event], { expectedRevision: 'no-stream' }),
      );
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      await expectUnchanged(0, null);
    });

    it('writes nothing of a batch whose later event cannot be serialised', async () => {
      const bad = newEvent({ data: { amount: 10n } });
      await expect(
        fixture.store.appendToStream(stream, [newEvent(), bad], { expectedRevision: 'no-stream' }),
      ).rejects.toThrow(TypeError);
      await expectUnchanged(0, null);
    });

    it('writes nothing when the expected revision fails', async () => {
      await fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });
      await expect(
        fixture.store.appendToStream(stream, newEvents(3), { expectedRevision: 'no-stream' }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expectUnchanged(1, 0n);
    });
  });

  describe('appendToStream input validation', () => {
    it('rejects an empty batch, a negative or non-bigint revision, and blank ids, types or stream names', async () => {
      const { store } = fixture;
      await expect(store.appendToStream(stream, [], { expectedRevision: 'any' })).rejects.toThrow(RangeError);
      await expect(store.appendToStream(stream, [newEvent()], { expectedRevision: -1n })).rejects.toThrow(RangeError);
      const numeric = 0 as unknown as bigint;
      await expect(store.appendToStream(stream, [newEvent()], { expectedRevision: numeric })).rejects.toThrow(
        RangeError,
      );
      await expect(store.appendToStream(stream, [newEvent({ id: '' })], { expectedRevision: 'any' })).rejects.toThrow(
        TypeError,
      );
      await expect(store.appendToStream(stream, [newEvent({ type: ' ' })], { expectedRevision: 'any' })).rejects.toThrow(
        TypeError,
      );
      await expect(store.appendToStream('', [newEvent()], { expectedRevision: 'any' })).rejects.toThrow(TypeError);
      expect(await store.lastPosition()).toBeNull();
    });
  });
}
