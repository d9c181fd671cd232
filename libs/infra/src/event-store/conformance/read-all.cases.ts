import type { Position, RecordedEvent } from '../event-store.port';
import { newEvents, type ConformanceFixture } from './conformance-fixture';

/** Reading the global log: order, paging, category filters and the position API. */
export function describeReadAllConformance(fixture: ConformanceFixture): void {
  describe('readAll and positions', () => {
    it('reads an empty log as empty, whose last position is null', async () => {
      expect(await fixture.store.readAll({ limit: 10 })).toEqual([]);
      expect(await fixture.store.lastPosition()).toBeNull();
    });

    describe('over interleaved streams', () => {
      /** Stream and data.n of every event, in the order they were appended. */
      const appended: string[] = [];

      beforeEach(async () => {
        appended.length = 0;
        // 12 events, so a lexical comparison of decimal positions ('10' < '9') would show.
        const plan: [string, number][] = [
          ['licence-d1', 3],
          ['policy-d1', 2],
          ['licence-d2', 2],
          ['audit', 1],
          ['licence-d1', 2],
          ['policy-d1', 2],
        ];
        for (const [stream, count] of plan) {
          const events = newEvents(count);
          await fixture.store.appendToStream(stream, events, { expectedRevision: 'any' });
          appended.push(...events.map((event) => event.id));
        }
      });

      const ids = (events: RecordedEvent[]) => events.map((event) => event.id);

      it('reads every event in commit order', async () => {
        const all = await fixture.store.readAll({ limit: 100 });
        expect(ids(all)).toEqual(appended);
        expect(all.map((event) => event.streamName).slice(0, 4)).toEqual([
          'licence-d1',
          'licence-d1',
          'licence-d1',
          'policy-d1',
        ]);
      });

      it('orders positions consistently with readAll, numerically', async () => {
        const positions = (await fixture.store.readAll({ limit: 100 })).map((event) => event.position);
        expect(new Set(positions).size).toBe(12);
        for (let i = 1; i < positions.length; i++) {
          expect(fixture.store.comparePositions(positions[i - 1], positions[i])).toBeLessThan(0);
          expect(fixture.store.comparePositions(positions[i], positions[i - 1])).toBeGreaterThan(0);
        }
        expect(fixture.store.comparePositions(positions[3], positions[3])).toBe(0);
        const shuffled = [...positions].reverse();
        expect(shuffled.sort((a, b) => fixture.store.comparePositions(a, b))).toEqual(positions);
        expect(await fixture.store.lastPosition()).toBe(positions[11]);
      });

      it('pages with an exclusive after and a limit, seeing every event exactly once', async () => {
        const seen: string[] = [];
        let after: Position | undefined;
        for (;;) {
          const page = await fixture.store.readAll({ after, limit: 5 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(5);
          seen.push(...ids(page));
          after = page[page.length - 1].position;
        }
        expect(seen).toEqual(appended);
        const all = await fixture.store.readAll({ limit: 100 });
        expect(ids(await fixture.store.readAll({ after: all[0].position, limit: 2 }))).toEqual(appended.slice(1, 3));
        expect(await fixture.store.readAll({ after: all[11].position, limit: 10 })).toEqual([]);
        expect(await fixture.store.readAll({ limit: 0 })).toEqual([]);
      });

      it('filters by stream category (text before the first dash), keeping global order', async () => {
        const all = await fixture.store.readAll({ limit: 100 });
        const of = (...categories: string[]) =>
          ids(all.filter((event) => categories.includes(event.streamName.split('-')[0])));

        expect(ids(await fixture.store.readAll({ limit: 100, categories: ['licence'] }))).toEqual(of('licence'));
        expect(ids(await fixture.store.readAll({ limit: 100, categories: ['policy', 'audit'] }))).toEqual(
          of('policy', 'audit'),
        );
        expect(ids(await fixture.store.readAll({ limit: 100, categories: ['audit'] }))).toEqual(of('audit'));
        expect(await fixture.store.readAll({ limit: 100, categories: ['licence-d1', 'unknown'] })).toEqual([]);
        expect(await fixture.store.readAll({ limit: 100, categories: [] })).toEqual([]);
      });

      it('pages a category filter with after and limit', async () => {
        const wanted = ids(await fixture.store.readAll({ limit: 100, categories: ['licence', 'audit'] }));
        const seen: string[] = [];
        let after: Position | undefined;
        for (;;) {
          const page = await fixture.store.readAll({ after, limit: 3, categories: ['audit', 'licence'] });
          if (page.length === 0) break;
          seen.push(...ids(page));
          after = page[page.length - 1].position;
        }
        expect(seen).toEqual(wanted);
        expect(wanted).toHaveLength(8);
      });

      it('recognises minted positions and refuses junk', async () => {
        for (const event of await fixture.store.readAll({ limit: 100 })) {
          expect(fixture.store.isPosition(event.position)).toBe(true);
        }
        for (const junk of ['abc', '', '-1', '1.5', ' 1', '1e3']) {
          expect(fixture.store.isPosition(junk)).toBe(false);
        }
        await expect(fixture.store.readAll({ after: 'abc' as Position, limit: 1 })).rejects.toThrow(TypeError);
        await expect(fixture.store.readAll({ limit: -1 })).rejects.toThrow(RangeError);
      });
    });
  });
}
