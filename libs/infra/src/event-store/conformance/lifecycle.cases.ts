import { newEvent, newEvents, type ConformanceFixture } from './conformance-fixture';

/** Closing a store: idempotent, and a closed store refuses work instead of half-doing it. */
export function describeLifecycleConformance(fixture: ConformanceFixture): void {
  describe('close', () => {
    it('is idempotent, and every read and append on a closed store rejects', async () => {
      const { store } = fixture;
      await store.appendToStream('licence-g1', [newEvent()], { expectedRevision: 'no-stream' });
      await store.close();
      await store.close();
      await expect(store.appendToStream('licence-g1', [newEvent()], { expectedRevision: 'any' })).rejects.toThrow();
      await expect(store.readStream('licence-g1')).rejects.toThrow();
      await expect(store.streamRevision('licence-g1')).rejects.toThrow();
      await expect(store.readAll({ limit: 1 })).rejects.toThrow();
      await expect(store.lastPosition()).rejects.toThrow();
    });
  });
}

/**
 * Durability across close and reopen. Registered only for adapters declared durable, whose factory must then
 * return `reopen`.
 */
export function describeDurabilityConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-h1';

  describe('durability', () => {
    it('keeps every event, revision and position across close and reopen', async () => {
      const batch = newEvents(3);
      const result = await fixture.store.appendToStream(stream, batch, { expectedRevision: 'no-stream' });
      await fixture.store.appendToStream('policy-h1', newEvents(2), { expectedRevision: 'no-stream' });
      const before = {
        stream: await fixture.store.readStream(stream),
        all: await fixture.store.readAll({ limit: 100 }),
        last: await fixture.store.lastPosition(),
      };

      const reopened = await fixture.reopen();
      expect(await reopened.readStream(stream)).toEqual(before.stream);
      expect(await reopened.readAll({ limit: 100 })).toEqual(before.all);
      expect(await reopened.lastPosition()).toBe(before.last);
      expect(await reopened.streamRevision(stream)).toBe(2n);
      // An idempotent retry still recognises a batch written before the restart.
      expect(await reopened.appendToStream(stream, batch, { expectedRevision: 'no-stream' })).toEqual(result);
    });

    it('keeps positions increasing and revisions continuing after reopen', async () => {
      await fixture.store.appendToStream(stream, newEvents(2), { expectedRevision: 'no-stream' });
      const lastBefore = await fixture.store.lastPosition();

      const reopened = await fixture.reopen();
      const result = await reopened.appendToStream(stream, [newEvent()], { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(2n);
      expect(lastBefore).not.toBeNull();
      expect(reopened.comparePositions(lastBefore!, result.position)).toBeLessThan(0);
      expect(reopened.isPosition(lastBefore!)).toBe(true);
      expect(await reopened.readAll({ after: lastBefore!, limit: 10 })).toHaveLength(1);
    });
  });
}
