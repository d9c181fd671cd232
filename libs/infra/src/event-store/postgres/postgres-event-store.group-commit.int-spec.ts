import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { newEvent, newEvents, rejectionOf } from '../conformance/conformance-fixture';
import { CLOCK_START } from '../event-store.conformance';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import type { PostgresEventStore, PostgresEventStoreOptions } from './postgres-event-store';
import { PostgresStoreFixture } from './testing/postgres-store.fixture';

/**
 * Group commit: appends issued together, or while a transaction is in flight, share one transaction. Groups are
 * observed through the store's counters, and through a clock that moves on every reading: appends recorded at one
 * instant were stamped by one transaction.
 */
describeWithPostgres('PostgresEventStore group commit', (database) => {
  const fixture = new PostgresStoreFixture(database);
  afterEach(() => fixture.cleanUp());
  afterAll(() => fixture.end());

  /** A clock that moves 1 ms each time it is read. */
  function tickingClock(): () => Date {
    let instant = Date.parse(CLOCK_START);
    return () => new Date(instant++);
  }

  const open = (options: PostgresEventStoreOptions = {}) => fixture.store({ now: tickingClock(), ...options });

  /** Groups and appends committed by `store` while `work` runs. */
  async function committedDuring<T>(store: PostgresEventStore, work: () => Promise<T>) {
    const before = store.groupCommitStats();
    const result = await work();
    const after = store.groupCommitStats();
    return {
      result,
      groups: after.groupsCommitted - before.groupsCommitted,
      appends: after.requestsCommitted - before.requestsCommitted,
    };
  }

  const append = (store: PostgresEventStore, stream: string, expectedRevision: ExpectedRevision) =>
    store.appendToStream(stream, [newEvent()], { expectedRevision });

  it('commits 32 concurrent appends to different streams in one transaction, recorded at one instant', async () => {
    const store = await open();
    const { result, groups, appends } = await committedDuring(store, () =>
      Promise.all(Array.from({ length: 32 }, (_, i) => append(store, `licence-g${i}`, 'no-stream'))),
    );
    expect(groups).toBe(1);
    expect(appends).toBe(32);
    expect(new Set(result.map((r) => r.recordedAt)).size).toBe(1);
    expect(await fixture.countEvents()).toBe(32);
    const next = await append(store, 'licence-g0', 0n);
    expect(next.recordedAt > result[0].recordedAt).toBe(true);
  });

  it('gathers the appends that arrive while a transaction waits into the next one', async () => {
    const store = await open();
    const holder = await (await fixture.observer()).connect();
    try {
      // Another writer holds the head lock: the store's first transaction waits for it, the queue fills meanwhile.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM log_head FOR UPDATE');
      const { result, groups, appends } = await committedDuring(store, async () => {
        let firstSettled = false;
        const first = append(store, 'licence-w0', 'no-stream').finally(() => (firstSettled = true));
        await new Promise((resolve) => setTimeout(resolve, 100));
        const rest = Array.from({ length: 10 }, (_, i) => append(store, `licence-w${i + 1}`, 'no-stream'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(firstSettled).toBe(false);
        expect(await fixture.countEvents()).toBe(0);
        await holder.query('ROLLBACK');
        return Promise.all([first, ...rest]);
      });
      expect(groups).toBe(2);
      expect(appends).toBe(11);
      expect(new Set(result.slice(1).map((r) => r.recordedAt)).size).toBe(1);
      expect(result[1].recordedAt > result[0].recordedAt).toBe(true);
    } finally {
      holder.release();
    }
  });

  it('fails a conflicting append alone: the others of its group are stored', async () => {
    const store = await open();
    await append(store, 'licence-c', 'no-stream');
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        append(store, 'licence-c1', 'no-stream'),
        append(store, 'licence-c', 'no-stream'),
        append(store, 'licence-c', 0n),
        store.appendToStreams([
          { streamName: 'licence-c2', events: [newEvent()], expectedRevision: 'no-stream' },
          { streamName: 'licence-c', events: [newEvent()], expectedRevision: 0n },
        ]),
      ]),
    );
    expect(groups).toBe(1);
    expect(result.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect((result[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    // The multi-stream append ran after the third append moved the stream on: it fails whole, its other part too.
    expect((result[3] as PromiseRejectedResult).reason).toMatchObject({ streamName: 'licence-c', actualRevision: 1n });
    expect(await store.streamRevision('licence-c1')).toBe(0n);
    expect(await store.streamRevision('licence-c')).toBe(1n);
    expect(await store.streamRevision('licence-c2')).toBeNull();
    expect(await fixture.countEvents()).toBe(3);
  });

  it('serialises two appends to one stream in one group: the next revision succeeds, the stale one fails', async () => {
    const store = await open();
    await append(store, 'licence-s', 'no-stream');
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([0n, 1n, 0n].map((expected) => append(store, 'licence-s', expected))),
    );
    expect(groups).toBe(1);
    const [first, second, stale] = result;
    expect((first as PromiseFulfilledResult<AppendResult>).value.nextExpectedRevision).toBe(1n);
    expect((second as PromiseFulfilledResult<AppendResult>).value.nextExpectedRevision).toBe(2n);
    expect((stale as PromiseRejectedResult).reason).toMatchObject({ expectedRevision: 0n, actualRevision: 2n });
    const events = await store.readStream('licence-s');
    expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
    expect(store.comparePositions(events[1].position, events[2].position)).toBeLessThan(0);
  });

  it('answers an identical retry in the same group idempotently, an id reused elsewhere as a duplicate', async () => {
    const store = await open();
    const events = newEvents(2);
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        store.appendToStream('licence-r', events, { expectedRevision: 'no-stream' }),
        store.appendToStream('licence-r', events, { expectedRevision: 'no-stream' }),
        store.appendToStream('licence-r2', [events[0]], { expectedRevision: 'any' }),
      ]),
    );
    expect(groups).toBe(1);
    const [original, retry, reused] = result;
    expect(original.status).toBe('fulfilled');
    expect(retry).toEqual(original);
    expect((reused as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(await fixture.countEvents()).toBe(2);
  });

  it('settles an append only once it is committed, as another connection sees', async () => {
    const store = await open();
    const seenAtSettle: number[] = [];
    const appends = Array.from({ length: 3 }, (_, i) =>
      append(store, `licence-d${i}`, 'no-stream').then(async (result) => {
        seenAtSettle.push(await fixture.countEvents());
        return result;
      }),
    );
    await Promise.all(appends);
    expect(seenAtSettle).toEqual([3, 3, 3]);
  });

  it('rejects every append of a group whose transaction fails for a reason no rule foresaw', async () => {
    const store = await open();
    await (await fixture.observer()).query(`
      CREATE FUNCTION refuse_in_test() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
      CREATE TRIGGER refuse_in_test BEFORE INSERT ON events FOR EACH ROW
        WHEN (NEW.stream_name = 'licence-refused') EXECUTE FUNCTION refuse_in_test();
    `);
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        append(store, 'licence-w1', 'no-stream'),
        store.appendToStreams([
          { streamName: 'licence-w2', events: [newEvent()], expectedRevision: 'no-stream' },
          { streamName: 'licence-refused', events: [newEvent()], expectedRevision: 'no-stream' },
        ]),
        append(store, 'licence-w3', 'no-stream'),
      ]),
    );
    expect(groups).toBe(0);
    for (const outcome of result) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ message: 'refused by the test' });
    }
    expect(await fixture.countEvents()).toBe(0);
    // The transaction was rolled back and its connection returned clean: the next group commits.
    expect((await append(store, 'licence-w1', 'no-stream')).nextExpectedRevision).toBe(0n);
    expect(await store.lastPosition()).toBe('1');
  });

  it('caps a group by events: the rest goes to the next groups, and results come in arrival order', async () => {
    const store = await open({ maxGroupEvents: 4 });
    const settledOrder: number[] = [];
    const track = <T>(index: number, promise: Promise<T>) => promise.then((value) => (settledOrder.push(index), value));
    const { result, groups } = await committedDuring(store, () =>
      Promise.all([
        ...Array.from({ length: 5 }, (_, i) => track(i, append(store, `licence-k${i}`, 'no-stream'))),
        // Heavier than the cap: it runs, in a group of its own.
        track(5, store.appendToStream('licence-big', newEvents(6), { expectedRevision: 'no-stream' })),
        track(6, append(store, 'licence-k6', 'no-stream')),
      ]),
    );
    // [k0..k3] [k4] [big] [k6]: k4 + big would exceed 4 events, big + k6 too.
    expect(groups).toBe(4);
    expect(settledOrder).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const positions = result.map((r) => BigInt(r.position));
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
    expect(new Set(result.slice(0, 4).map((r) => r.recordedAt)).size).toBe(1);
    expect(result[4].recordedAt > result[3].recordedAt).toBe(true);
  });

  it('commits the appends still queued when closed, then refuses new ones, leaving the pool open', async () => {
    const pool = await fixture.pool();
    const store = await fixture.store({ now: tickingClock() }, pool);
    const queued = [append(store, 'licence-q1', 'no-stream'), append(store, 'licence-q2', 'no-stream')];
    await store.close();
    expect((await Promise.all(queued)).map((r) => r.nextExpectedRevision)).toEqual([0n, 0n]);
    await expect(append(store, 'licence-q3', 'no-stream')).rejects.toThrow(/closed/);
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows).toEqual([{ n: 2 }]);
  });

  it('rejects bad input at call time, without a transaction', async () => {
    const store = await open();
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        store.appendToStream('licence-v', [], { expectedRevision: 'any' }),
        store.appendToStreams([]),
      ]),
    );
    expect(groups).toBe(0);
    expect(result.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await rejectionOf(store.appendToStreams([]))).toBeInstanceOf(RangeError);
  });
});
