import { CLOCK_START, newEvent, newEvents, type ConformanceFixture } from './conformance-fixture';
import type { ReadStreamOptions } from '../event-store.port';

/** Reading one stream: directions, revision windows, counts, "as recorded at", and recorded-at stamping. */
export function describeReadStreamConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-c1';

  /** The revisions `readStream` returns for these options, as numbers for readable failures. */
  async function revisions(options?: ReadStreamOptions): Promise<number[]> {
    return (await fixture.store.readStream(stream, options)).map((event) => Number(event.revision));
  }

  describe('readStream', () => {
    it('reads a missing stream as empty, whose revision is null', async () => {
      expect(await fixture.store.readStream('licence-missing')).toEqual([]);
      expect(await fixture.store.readStream('licence-missing', { direction: 'backwards' })).toEqual([]);
      expect(await fixture.store.streamRevision('licence-missing')).toBeNull();
    });

    describe('over revisions 0..5', () => {
      beforeEach(async () => {
        await fixture.store.appendToStream(stream, newEvents(6), { expectedRevision: 'no-stream' });
        await fixture.store.appendToStream('licence-c2', newEvents(2), { expectedRevision: 'no-stream' });
      });

      it('reads forwards by default and backwards on request', async () => {
        expect(await revisions()).toEqual([0, 1, 2, 3, 4, 5]);
        expect(await revisions({ direction: 'forwards' })).toEqual([0, 1, 2, 3, 4, 5]);
        expect(await revisions({ direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
        expect(await fixture.store.streamRevision(stream)).toBe(5n);
      });

      it('starts at fromRevision: the lowest forwards, the highest backwards', async () => {
        expect(await revisions({ fromRevision: 2n })).toEqual([2, 3, 4, 5]);
        expect(await revisions({ fromRevision: 2n, direction: 'backwards' })).toEqual([2, 1, 0]);
        expect(await revisions({ fromRevision: 9n })).toEqual([]);
        expect(await revisions({ fromRevision: 9n, direction: 'backwards' })).toEqual([5, 4, 3, 2, 1, 0]);
      });

      it('caps at toRevision inclusive in both directions', async () => {
        expect(await revisions({ toRevision: 3n })).toEqual([0, 1, 2, 3]);
        expect(await revisions({ toRevision: 3n, direction: 'backwards' })).toEqual([3, 2, 1, 0]);
        expect(await revisions({ fromRevision: 1n, toRevision: 3n })).toEqual([1, 2, 3]);
        expect(await revisions({ fromRevision: 4n, toRevision: 3n, direction: 'backwards' })).toEqual([3, 2, 1, 0]);
        expect(await revisions({ fromRevision: 4n, toRevision: 3n })).toEqual([]);
        expect(await revisions({ toRevision: 0n })).toEqual([0]);
      });

      it('returns at most maxCount events, counted in the reading direction', async () => {
        expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
        expect(await revisions({ maxCount: 2, direction: 'backwards' })).toEqual([5, 4]);
        expect(await revisions({ maxCount: 2, fromRevision: 3n, direction: 'backwards' })).toEqual([3, 2]);
        expect(await revisions({ maxCount: 0 })).toEqual([]);
        expect(await revisions({ maxCount: 100 })).toHaveLength(6);
      });

      it('rejects negative bounds and counts', async () => {
        await expect(fixture.store.readStream(stream, { fromRevision: -1n })).rejects.toThrow(RangeError);
        await expect(fixture.store.readStream(stream, { toRevision: -1n })).rejects.toThrow(RangeError);
        await expect(fixture.store.readStream(stream, { maxCount: -1 })).rejects.toThrow(RangeError);
      });
    });

    describe('recordedUntil and recordedAt', () => {
      const at = (seconds: number) => new Date(Date.parse(CLOCK_START) + seconds * 1000).toISOString();

      /** Revision n is recorded at CLOCK_START + n seconds. */
      beforeEach(async () => {
        for (let revision = 0n; revision < 4n; revision++) {
          const expectedRevision = revision === 0n ? 'no-stream' : revision - 1n;
          await fixture.store.appendToStream(stream, [newEvent()], { expectedRevision });
          fixture.clock.advance(1000);
        }
      });

      it("stamps recordedAt from the store's clock as an ISO 8601 UTC instant", async () => {
        const events = await fixture.store.readStream(stream);
        expect(events.map((event) => event.recordedAt)).toEqual([at(0), at(1), at(2), at(3)]);
        for (const event of events) {
          expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        }
      });

      it('reads the stream as recorded at an instant, inclusive, in any ISO offset', async () => {
        expect(await revisions({ recordedUntil: at(1) })).toEqual([0, 1]);
        expect(await revisions({ recordedUntil: at(1.5) })).toEqual([0, 1]);
        expect(await revisions({ recordedUntil: '2024-03-01T10:00:02+01:00' })).toEqual([0, 1, 2]);
        expect(await revisions({ recordedUntil: at(-1) })).toEqual([]);
        expect(await revisions({ recordedUntil: at(2), direction: 'backwards' })).toEqual([2, 1, 0]);
        expect(await revisions({ recordedUntil: at(3), toRevision: 1n })).toEqual([0, 1]);
      });

      it('rejects a recordedUntil that is not an instant', async () => {
        await expect(fixture.store.readStream(stream, { recordedUntil: 'yesterday' })).rejects.toThrow(RangeError);
      });

      it('never records an event earlier than the one before it when the clock steps back', async () => {
        fixture.clock.set(at(-60));
        await fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 3n });
        const [last] = await fixture.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(last.recordedAt).toBe(at(3));
        expect(await revisions({ recordedUntil: at(2) })).toEqual([0, 1, 2]);
      });
    });
  });
}
