import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvents } from '../conformance/conformance-fixture';
import type { Position, RecordedEvent } from '../event-store.port';
import type { PostgresEventStore } from './postgres-event-store';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';

/**
 * The global order seen by readers while several writers (separate pools, as separate API instances would have,
 * so no in-process group commit joins them) append concurrently: a reader must never see a position before every
 * lower position has committed, otherwise a subscriber checkpointing the last position it saw skips an event.
 */
describeWithPostgres('PostgresEventStore global order under concurrent writers', (database) => {
  const fixture = new PostgresStoreFixture(database);
  afterEach(() => fixture.cleanUp());
  afterAll(() => fixture.end());

  const writers = 4;
  const appendsPerWriter = 40;

  /** One writer: its own store and pool, three callers appending 1 to 3 events at a time, each awaiting its last. */
  async function write(store: PostgresEventStore, writer: number): Promise<string[]> {
    const ids: string[] = [];
    const caller = async (callerIndex: number) => {
      for (let i = callerIndex; i < appendsPerWriter; i += 3) {
        const events = newEvents(1 + (i % 3));
        await store.appendToStream(`licence-w${writer}-${i % 5}`, events, { expectedRevision: 'any' });
        ids.push(...events.map((event) => event.id));
      }
    };
    await Promise.all([0, 1, 2].map(caller));
    return ids;
  }

  it('shows readers only a growing prefix of the log, and every event exactly once', async () => {
    const stores = await Promise.all(Array.from({ length: writers }, () => fixture.store()));
    const reader = await fixture.store();
    let writing = true;

    /** Poll from the start: what a poll adds to what earlier polls saw must all come after it. */
    const seenPositions = new Set<Position>();
    let highestSeen: Position | null = null;
    const violations: string[] = [];
    /** Poll after a checkpoint, as a subscriber does. */
    const checkpointed: RecordedEvent[] = [];
    let checkpoint: Position | undefined;
    let polls = 0;

    const poll = async () => {
      const fresh = (await reader.readAll({ limit: 100_000 })).filter((event) => !seenPositions.has(event.position));
      for (const event of fresh) {
        if (highestSeen !== null && reader.comparePositions(event.position, highestSeen) <= 0) {
          violations.push(`position ${event.position} appeared after ${highestSeen} had been seen`);
        }
      }
      for (const event of fresh) seenPositions.add(event.position);
      if (fresh.length > 0) highestSeen = fresh[fresh.length - 1].position;
      for (;;) {
        const page = await reader.readAll({ after: checkpoint, limit: 25 });
        if (page.length === 0) break;
        checkpointed.push(...page);
        checkpoint = page[page.length - 1].position;
      }
      polls += 1;
    };

    const reading = (async () => {
      while (writing) await poll();
      await poll();
    })();
    const written = (await Promise.all(stores.map((store, writer) => write(store, writer)))).flat();
    writing = false;
    await reading;

    expect(violations).toEqual([]);
    expect(polls).toBeGreaterThan(2);
    expect(checkpointed.map((event) => event.id).sort()).toEqual([...written].sort());
    expect(new Set(checkpointed.map((event) => event.position)).size).toBe(written.length);
    expect(seenPositions.size).toBe(written.length);
    // Positions are contiguous: no number was skipped either.
    expect(checkpointed.map((event) => Number(event.position))).toEqual(
      Array.from({ length: written.length }, (_, index) => index + 1),
    );
    // The writers really overlapped: their events interleave in the log.
    const writerOf = (event: RecordedEvent) => event.streamName.split('-')[1];
    const switches = checkpointed.filter((event, i) => i > 0 && writerOf(event) !== writerOf(checkpointed[i - 1]));
    expect(switches.length).toBeGreaterThan(writers);
  });
});
