import { WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { newEvent, type ConformanceFixture } from './conformance-fixture';

/** Optimistic concurrency under contention: N racing appends with the same expectation, exactly one wins. */
export function describeConcurrencyConformance(fixture: ConformanceFixture): void {
  const stream = 'licence-f1';
  const racers = 50;

  /** Settles all attempts and checks exactly one fulfilled and every other one lost on the expected revision. */
  function expectOneWinner(outcomes: PromiseSettledResult<AppendResult>[]): void {
    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(racers - 1);
    for (const { reason } of lost) expect(reason).toBeInstanceOf(WrongExpectedVersionError);
  }

  describe('concurrency', () => {
    it(`lets exactly one of ${racers} concurrent appends at the same exact revision succeed`, async () => {
      await fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: racers }, () =>
          fixture.store.appendToStream(stream, [newEvent(), newEvent()], { expectedRevision: 0n }),
        ),
      );
      expectOneWinner(outcomes);
      expect(await fixture.store.readStream(stream)).toHaveLength(3);
      expect(await fixture.store.streamRevision(stream)).toBe(2n);
      expect(await fixture.store.readAll({ limit: 1000 })).toHaveLength(3);
    });

    it(`lets exactly one of ${racers} concurrent 'no-stream' appends create the stream`, async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: racers }, () =>
          fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 'no-stream' }),
        ),
      );
      expectOneWinner(outcomes);
      expect(await fixture.store.readStream(stream)).toHaveLength(1);
    });

    it(`serialises ${racers} concurrent 'any' appends into contiguous revisions and increasing positions`, async () => {
      const results = await Promise.all(
        Array.from({ length: racers }, () =>
          fixture.store.appendToStream(stream, [newEvent()], { expectedRevision: 'any' }),
        ),
      );
      const revisions = results.map((result) => result.nextExpectedRevision).sort((a, b) => (a < b ? -1 : 1));
      expect(revisions).toEqual(Array.from({ length: racers }, (_, index) => BigInt(index)));
      const events = await fixture.store.readStream(stream);
      for (let i = 1; i < events.length; i++) {
        expect(fixture.store.comparePositions(events[i - 1].position, events[i].position)).toBeLessThan(0);
      }
    });
  });
}
