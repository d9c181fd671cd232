import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLOCK_START } from '../event-store.conformance';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { newEvent, newEvents, rejectionOf } from '../conformance/conformance-fixture';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

/**
 * Group commit: appends issued in one turn of the event loop share one transaction. Groups are observed through
 * the store's counters, and through a clock that moves on every reading: appends recorded at one instant were
 * stamped by one transaction.
 */
describe('SqliteEventStore group commit', () => {
  let dir: string;
  let file: string;
  const opened: Array<{ close(): unknown }> = [];

  /** A clock that moves 1 ms each time it is read. */
  function tickingClock(): () => Date {
    let instant = Date.parse(CLOCK_START);
    return () => new Date(instant++);
  }

  function open(options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const store = SqliteEventStore.open(file, { now: tickingClock(), ...options });
    opened.push(store);
    return store;
  }

  /** A plain connection on the same file: it sees only what was committed. */
  function observer(): Database.Database {
    const db = new Database(file, { readonly: true });
    opened.push(db);
    return db;
  }

  const countEvents = (db: Database.Database) => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

  /** Groups and appends committed by `store` while `work` runs. */
  async function committedDuring<T>(store: SqliteEventStore, work: () => Promise<T>) {
    const before = store.groupCommitStats();
    const result = await work();
    const after = store.groupCommitStats();
    return {
      result,
      groups: after.groupsCommitted - before.groupsCommitted,
      appends: after.requestsCommitted - before.requestsCommitted,
    };
  }

  const append = (store: SqliteEventStore, stream: string, expectedRevision: ExpectedRevision) =>
    store.appendToStream(stream, [newEvent()], { expectedRevision });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-group-commit-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits 32 concurrent appends to different streams in one transaction, recorded at one instant', async () => {
    const store = open();
    const { result, groups, appends } = await committedDuring(store, () =>
      Promise.all(Array.from({ length: 32 }, (_, i) => append(store, `licence-g${i}`, 'no-stream'))),
    );
    expect(groups).toBe(1);
    expect(appends).toBe(32);
    expect(new Set(result.map((r) => r.recordedAt)).size).toBe(1);
    expect(countEvents(observer())).toBe(32);
    // The next turn of the loop is the next group, at a later instant.
    const next = await append(store, 'licence-g0', 0n);
    expect(next.recordedAt > result[0].recordedAt).toBe(true);
  });

  it('fails a conflicting append alone: the others of its group are stored', async () => {
    const store = open();
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
  });

  it('serialises two appends to one stream in one group: the next revision succeeds, the stale one fails', async () => {
    const store = open();
    await append(store, 'licence-s', 'no-stream');
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([append(store, 'licence-s', 0n), append(store, 'licence-s', 1n), append(store, 'licence-s', 0n)]),
    );
    expect(groups).toBe(1);
    const [first, second, stale] = result;
    expect((first as PromiseFulfilledResult<AppendResult>).value.nextExpectedRevision).toBe(1n);
    expect((second as PromiseFulfilledResult<AppendResult>).value.nextExpectedRevision).toBe(2n);
    expect((stale as PromiseRejectedResult).reason).toMatchObject({ expectedRevision: 0n, actualRevision: 2n });
    const events = await store.readStream('licence-s');
    expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
    expect(events[2].position > events[1].position).toBe(true);
  });

  it('answers an identical retry in the same group idempotently, and an id reused elsewhere as a duplicate', async () => {
    const store = open();
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
    expect(retry).toEqual(original);
    expect(original.status).toBe('fulfilled');
    expect((reused as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
    expect(countEvents(observer())).toBe(2);
  });

  it('settles an append only once it is committed, as another connection sees', async () => {
    const store = open();
    const other = observer();
    let settled = false;
    const seenAtSettle: number[] = [];
    const appends = Array.from({ length: 3 }, (_, i) =>
      append(store, `licence-d${i}`, 'no-stream').then((result) => {
        settled = true;
        seenAtSettle.push(countEvents(other));
        return result;
      }),
    );
    // Queued, not yet committed: nothing settled, nothing visible.
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(countEvents(other)).toBe(0);
    await Promise.all(appends);
    expect(seenAtSettle).toEqual([3, 3, 3]);
  });

  it('rejects every append of a group whose COMMIT fails, and writes none of them', async () => {
    const store = open();
    // A deferred foreign key is checked at COMMIT: an event on the poisoned stream makes the COMMIT itself fail.
    store.database.exec(`
      CREATE TABLE guard_parent (id TEXT PRIMARY KEY);
      CREATE TABLE guard_child (ref TEXT REFERENCES guard_parent (id) DEFERRABLE INITIALLY DEFERRED);
      CREATE TRIGGER guard_poison AFTER INSERT ON events WHEN NEW.stream_name = 'licence-poison'
        BEGIN INSERT INTO guard_child VALUES ('missing'); END;
    `);
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        append(store, 'licence-p1', 'no-stream'),
        append(store, 'licence-poison', 'no-stream'),
        append(store, 'licence-p2', 'no-stream'),
      ]),
    );
    expect(groups).toBe(0);
    for (const outcome of result) {
      expect(outcome.status).toBe('rejected');
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
    }
    expect(countEvents(observer())).toBe(0);
    // The transaction was rolled back, not left open: the next group commits.
    expect((await append(store, 'licence-p1', 'no-stream')).nextExpectedRevision).toBe(0n);
  });

  it('rejects every append of a group when a write fails for a reason no rule foresaw, and writes none of them', async () => {
    const store = open();
    store.database.exec(`
      CREATE TRIGGER guard_refuse BEFORE INSERT ON events WHEN NEW.stream_name = 'licence-refused'
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;
    `);
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        append(store, 'licence-w1', 'no-stream'),
        // Its first part is written before its second fails: only rolling back the group can undo it.
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
    expect(countEvents(observer())).toBe(0);
    expect((await append(store, 'licence-w1', 'no-stream')).nextExpectedRevision).toBe(0n);
  });

  it('rejects every append of a group that cannot take the write lock, and writes none of them', async () => {
    const store = open();
    const holder = new Database(file);
    opened.push(holder);
    store.database.pragma('busy_timeout = 20');
    holder.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([append(store, 'licence-b1', 'no-stream'), append(store, 'licence-b2', 'no-stream')]);
    holder.exec('ROLLBACK');
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason?.code)).toEqual(['SQLITE_BUSY', 'SQLITE_BUSY']);
    expect(countEvents(holder)).toBe(0);
  });

  it('caps a group by events: the rest goes to the next groups, and results come in arrival order', async () => {
    const store = open({ maxGroupEvents: 4 });
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

  it('commits the appends still queued when closed, then refuses new ones', async () => {
    const store = open();
    const queued = [append(store, 'licence-q1', 'no-stream'), append(store, 'licence-q2', 'no-stream')];
    await store.close();
    expect((await Promise.all(queued)).map((r) => r.nextExpectedRevision)).toEqual([0n, 0n]);
    await expect(append(store, 'licence-q3', 'no-stream')).rejects.toThrow(/closed/);
    const reopened = open();
    expect(await reopened.streamRevision('licence-q2')).toBe(0n);
    expect(await reopened.streamRevision('licence-q3')).toBeNull();
  });

  it('rejects bad input at call time, without a transaction', async () => {
    const store = open();
    const { result, groups } = await committedDuring(store, () =>
      Promise.allSettled([
        store.appendToStream('licence-v', [], { expectedRevision: 'any' }),
        store.appendToStreams([]),
      ]),
    );
    expect(groups).toBe(0);
    expect(result.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });

  it('refuses to acknowledge appends while a transaction is left open on its connection', async () => {
    const store = open();
    store.database.exec('BEGIN');
    const error = await rejectionOf(append(store, 'licence-o', 'no-stream'));
    store.database.exec('ROLLBACK');
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/open transaction/);
    expect(await store.streamRevision('licence-o')).toBeNull();
  });
});
