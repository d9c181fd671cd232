import { eventHash, GENESIS_HASH, isEventHash } from '../event-hash';
import type { RecordedEvent } from '../event-store.port';
import { newEvent, newEvents, type ConformanceFixture } from './conformance-fixture';

/** The hash of `event` recomputed from what the store returns, chained to `previousHash`. */
function recomputed(previousHash: string, event: RecordedEvent): string {
  return eventHash(previousHash, {
    ...event,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  });
}

/** Every adapter chains each event to its stream's previous event (docs/audit.md). */
export function describeHashChainConformance(fixture: ConformanceFixture): void {
  describe('per-event hash chain', () => {
    it('gives every event a hash over its content chained to the previous event of its stream', async () => {
      await fixture.store.appendToStream('licence-h1', newEvents(2), { expectedRevision: 'no-stream' });
      fixture.clock.advance(1000);
      await fixture.store.appendToStream('licence-h2', newEvents(1), { expectedRevision: 'no-stream' });
      await fixture.store.appendToStream('licence-h1', newEvents(1), { expectedRevision: 1n });

      const [first, second, third] = await fixture.store.readStream('licence-h1');
      expect(isEventHash(first.hash)).toBe(true);
      expect(first.hash).toBe(recomputed(GENESIS_HASH, first));
      expect(second.hash).toBe(recomputed(first.hash, second));
      expect(third.hash).toBe(recomputed(second.hash, third));
      const [other] = await fixture.store.readStream('licence-h2');
      expect(other.hash).toBe(recomputed(GENESIS_HASH, other));
    });

    it('returns the same hashes through readStream, readAll and an idempotent retry', async () => {
      const events = newEvents(3);
      await fixture.store.appendToStream('licence-h3', events, { expectedRevision: 'no-stream' });
      await fixture.store.appendToStream('licence-h3', events, { expectedRevision: 'no-stream' });
      const fromStream = (await fixture.store.readStream('licence-h3')).map((event) => event.hash);
      const fromAll = (await fixture.store.readAll({ limit: 10 })).map((event) => event.hash);
      expect(fromStream).toHaveLength(3);
      expect(new Set(fromStream).size).toBe(3);
      expect(fromAll).toEqual(fromStream);
    });

    it('changes the hash when any covered field differs: same data in another stream or at another time', async () => {
      const data = { same: true };
      await fixture.store.appendToStream('licence-h4', [newEvent({ data })], { expectedRevision: 'no-stream' });
      await fixture.store.appendToStream('licence-h5', [newEvent({ data })], { expectedRevision: 'no-stream' });
      const [a] = await fixture.store.readStream('licence-h4');
      const [b] = await fixture.store.readStream('licence-h5');
      expect(a.hash).not.toBe(b.hash);
      expect(recomputed(GENESIS_HASH, { ...a, data: { same: false } })).not.toBe(a.hash);
      expect(recomputed(GENESIS_HASH, { ...a, recordedAt: '2000-01-01T00:00:00.000Z' })).not.toBe(a.hash);
    });
  });
}
