import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { InMemoryEventStore } from '../event-store/in-memory/in-memory-event-store';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import type { EventStore, Position, ReadAllOptions, RecordedEvent } from '../event-store/event-store.port';
import { ProjectionTimeoutError, type Projection, type ProjectionFold, type RebuildProgress } from './projection';
import { dumpProjection } from './projection-dump';
import { SqliteProjector } from './sqlite-projector';

/**
 * A small projection: one row per stream (events folded, last revision, types seen) and a log of every event
 * it actually applied, so a double application would show as a duplicate line.
 */
function streamStats(options: { name?: string; categories?: string[]; failOn?: () => string | null } = {}): Projection {
  const name = options.name ?? 'stream-stats';
  const prefix = name.replace(/\W/g, '_');
  return {
    name,
    ...(options.categories ? { categories: options.categories } : {}),
    tables: [`${prefix}_streams`, `${prefix}_applied`],
    migrations: [
      {
        version: 1,
        name: 'create-tables',
        up: `CREATE TABLE ${prefix}_streams (stream TEXT PRIMARY KEY, events INTEGER NOT NULL, last_revision INTEGER NOT NULL, types TEXT NOT NULL) STRICT;
             CREATE TABLE ${prefix}_applied (seq INTEGER PRIMARY KEY, position TEXT NOT NULL) STRICT;`,
      },
    ],
    apply(db: Database.Database, event: RecordedEvent): void {
      if (options.failOn?.() === event.id) throw new Error(`cannot project ${event.id}`);
      const row = db
        .prepare<[string], { last_revision: number }>(`SELECT last_revision FROM ${prefix}_streams WHERE stream = ?`)
        .get(event.streamName);
      if (row !== undefined && event.revision <= BigInt(row.last_revision)) return;
      db.prepare(
        `INSERT INTO ${prefix}_streams (stream, events, last_revision, types) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET events = events + 1, last_revision = excluded.last_revision,
           types = types || ',' || excluded.types`,
      ).run(event.streamName, event.revision, event.type);
      db.prepare(`INSERT INTO ${prefix}_applied (position) VALUES (?)`).run(event.position);
    },
    reset(db: Database.Database): void {
      db.exec(`DELETE FROM ${prefix}_streams; DELETE FROM ${prefix}_applied;`);
    },
  };
}

/**
 * `streamStats` with a fold that buffers its events and writes them in one go, recording the size of each
 * write: the batches the projector made.
 */
function batchedStats(name: string, writes: number[], categories?: string[]): Projection {
  const inner = streamStats({ name, ...(categories ? { categories } : {}) });
  return {
    ...inner,
    fold(db: Database.Database): ProjectionFold {
      const events: RecordedEvent[] = [];
      return {
        add: (more) => void events.push(...more),
        get held() {
          return events.length;
        },
        write: () => {
          for (const event of events) inner.apply(db, event);
          writes.push(events.length);
        },
      };
    },
  };
}

const META = { actor: 'test', correlationId: 'c', causationId: null, schemaVersion: 1 };
let nextId = 0;
function eventId(): string {
  nextId += 1;
  return `00000000-0000-4000-8000-${nextId.toString().padStart(12, '0')}`;
}

async function append(store: EventStore, stream: string, ...types: string[]): Promise<Position> {
  const result = await store.appendToStream(
    stream,
    types.map((type) => ({ id: eventId(), type, data: { n: nextId }, metadata: META })),
    { expectedRevision: 'any' },
  );
  return result.position;
}

/** Appends `count` events spread over a few streams of category `Case` and one of category `Other`. */
async function seed(store: EventStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await append(store, i % 5 === 4 ? 'Other-x' : `Case-${i % 3}`, `T${i}`);
}

/** A store whose readAll the test can intercept. */
function interceptable(store: EventStore) {
  const calls: ReadAllOptions[] = [];
  let hook: ((options: ReadAllOptions) => Promise<RecordedEvent[]>) | null = null;
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.readAll = (options) => {
    calls.push(options);
    return hook ? hook(options) : store.readAll(options);
  };
  return { store: wrapped, calls, setHook: (next: typeof hook) => (hook = next) };
}

interface Fixture {
  readonly store: EventStore;
  readonly file: string;
  readonly dir: string;
}

const STORES: Array<[string, (dir: string) => EventStore]> = [
  ['in-memory event store', () => new InMemoryEventStore()],
  ['SQLite event store', (dir) => SqliteEventStore.open(join(dir, 'events.sqlite'))],
];

describe.each(STORES)('SqliteProjector over the %s', (_label, openStore) => {
  let fixture: Fixture;
  const projectors: SqliteProjector[] = [];
  const open = (projections: Projection[], options: Parameters<typeof SqliteProjector.open>[3] = {}, store = fixture.store) => {
    const projector = SqliteProjector.open(fixture.file, store, projections, options);
    projectors.push(projector);
    return projector;
  };

  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-'));
    fixture = { dir, store: openStore(dir), file: join(dir, 'read', 'read-models.sqlite') };
  });
  afterEach(async () => {
    for (const projector of projectors.splice(0)) await projector.close();
    await fixture.store.close();
    rmSync(fixture.dir, { recursive: true, force: true });
  });

  it('projects every event once and records the checkpoint with the rows', async () => {
    await seed(fixture.store, 12);
    const projection = streamStats();
    const projector = open([projection], { batchSize: 5 });

    await projector.catchUp();

    const dump = dumpProjection(projector.database, projection);
    expect(dump.stream_stats_streams).toEqual([
      { stream: 'Case-0', events: 3, last_revision: 2, types: 'T0,T3,T6' },
      { stream: 'Case-1', events: 3, last_revision: 2, types: 'T1,T7,T10' },
      { stream: 'Case-2', events: 4, last_revision: 3, types: 'T2,T5,T8,T11' },
      { stream: 'Other-x', events: 2, last_revision: 1, types: 'T4,T9' },
    ]);
    expect(dump.stream_stats_applied).toHaveLength(12);
    expect(projector.checkpoint('stream-stats')).toBe(await fixture.store.lastPosition());
  });

  it('commits rows and checkpoint together: a failing apply leaves both at the previous batch', async () => {
    await seed(fixture.store, 12);
    const events = await fixture.store.readAll({ limit: 100 });
    let poison: string | null = events[7]!.id;
    const projection = streamStats({ failOn: () => poison });
    // Batches of 5 events, however many pages are waiting.
    const projector = open([projection], { batchSize: 5, maxBatchRows: 5, maxReplayBatchRows: 5 });

    await expect(projector.catchUp()).rejects.toThrow(`cannot project ${events[7]!.id}`);

    // The first batch (events 1–5) is committed; nothing of the second (6–10), although 6 and 7 applied fine.
    expect(projector.checkpoint('stream-stats')).toBe(events[4]!.position);
    const applied = dumpProjection(projector.database, projection).stream_stats_applied as Array<{ position: string }>;
    expect(applied.map((row) => row.position)).toEqual(events.slice(0, 5).map((event) => event.position));

    poison = null;
    await projector.catchUp();
    const after = dumpProjection(projector.database, projection).stream_stats_applied as Array<{ position: string }>;
    expect(after.map((row) => row.position)).toEqual(events.map((event) => event.position));
  });

  it('skips a batch delivered twice: the rows are the same as after one delivery', async () => {
    await seed(fixture.store, 9);
    const projection = streamStats();
    const wrapper = interceptable(fixture.store);
    const projector = open([projection], { batchSize: 4 }, wrapper.store);
    await projector.catchUp();
    const once = dumpProjection(projector.database, projection);

    // Once, the store delivers from the start of the log again: every event but the new one is a duplicate.
    wrapper.setHook(({ categories }) => {
      wrapper.setHook(null);
      return fixture.store.readAll({ limit: 100, ...(categories ? { categories } : {}) });
    });
    await append(fixture.store, 'Case-9', 'Late');
    await projector.catchUp();

    const twice = dumpProjection(projector.database, projection);
    const late = { stream: 'Case-9', events: 1, last_revision: 0, types: 'Late' };
    expect(twice.stream_stats_streams).toEqual(expect.arrayContaining([...once.stream_stats_streams!, late]));
    expect(twice.stream_stats_streams).toHaveLength(once.stream_stats_streams!.length + 1);
    expect(twice.stream_stats_applied).toHaveLength(10);
  });

  it('replaying from a lost checkpoint changes no row (each row guards its last revision)', async () => {
    await seed(fixture.store, 9);
    const projection = streamStats();
    const projector = open([projection]);
    await projector.catchUp();
    const before = dumpProjection(projector.database, projection);

    projector.database.prepare('DELETE FROM projection_checkpoints').run();
    await projector.catchUp();

    expect(dumpProjection(projector.database, projection)).toEqual(before);
    expect(projector.checkpoint('stream-stats')).toBe(await fixture.store.lastPosition());
  });

  it('resumes from its checkpoint after a reopen, applying only the new events', async () => {
    await seed(fixture.store, 6);
    const first = open([streamStats()]);
    await first.catchUp();
    await first.close();

    const seen: string[] = [];
    const spying = streamStats();
    const reopened = open([{ ...spying, apply: (db, event) => (seen.push(event.type), spying.apply(db, event)) }]);
    await append(fixture.store, 'Case-7', 'After');
    await reopened.catchUp();

    expect(seen).toEqual(['After']);
    expect(dumpProjection(reopened.database, spying).stream_stats_applied).toHaveLength(7);
  });

  it('records its migrations once per projection and refuses a file migrated by a newer build', async () => {
    const projector = open([streamStats()]);
    const migrations = () =>
      projector.database.prepare('SELECT projection, version, name FROM projection_migrations ORDER BY projection, version').all();
    expect(migrations()).toEqual([
      { projection: '$projector', version: 1, name: 'create-checkpoints' },
      { projection: '$projector', version: 2, name: 'log-identity' },
      { projection: 'stream-stats', version: 1, name: 'create-tables' },
    ]);
    await projector.close();
    const again = open([streamStats()]);
    expect(again.database.prepare('SELECT COUNT(*) AS n FROM projection_migrations').get()).toEqual({ n: 3 });
    again.database.prepare("INSERT INTO projection_migrations VALUES ('stream-stats', 2, 'from-the-future', 'x')").run();
    await again.close();
    expect(() => open([streamStats()])).toThrow(/unknown to this build/);
  });

  it('rebuilds read models projected from another log, saying why', async () => {
    await seed(fixture.store, 12);
    const projection = streamStats();
    const first = open([projection]);
    await first.catchUp();
    await first.close();

    const otherDir = mkdtempSync(join(tmpdir(), 'projector-other-'));
    const other = openStore(otherDir);
    try {
      await append(other, 'Case-9', 'New');
      const reasons: string[] = [];
      const projector = open([projection], { onDivergence: (reason) => reasons.push(reason) }, other);
      await projector.catchUp();
      expect(reasons).toEqual([expect.stringMatching(/projected from another event log/)]);
      expect(dumpProjection(projector.database, projection).stream_stats_streams).toEqual([
        { stream: 'Case-9', events: 1, last_revision: 0, types: 'New' },
      ]);
      expect(projector.checkpoint('stream-stats')).toBe(await other.lastPosition());
      await projector.catchUp();
      expect(reasons).toHaveLength(1);
    } finally {
      for (const projector of projectors.splice(0)) await projector.close();
      await other.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('rebuilds read models whose checkpoint is beyond the log (an older copy of the log restored)', async () => {
    await seed(fixture.store, 12);
    const projection = streamStats();
    const first = open([projection]);
    await first.catchUp();
    await first.close();
    // The same log as it stood after 5 events: a backup of it.
    const kept = (await fixture.store.readAll({ limit: 5 })).at(-1)!.position;
    const restored: EventStore = Object.create(fixture.store) as EventStore;
    restored.lastPosition = async () => kept;
    restored.readAll = async (options) =>
      (await fixture.store.readAll(options)).filter((event) => fixture.store.comparePositions(event.position, kept) <= 0);

    const reasons: string[] = [];
    const projector = open([projection], { onDivergence: (reason) => reasons.push(reason) }, restored);
    await projector.catchUp();
    expect(reasons).toEqual([expect.stringMatching(/beyond the event log's last position .*restored from an older copy/)]);
    expect(dumpProjection(projector.database, projection).stream_stats_applied).toHaveLength(5);
    expect(projector.checkpoint('stream-stats')).toBe(kept);
  });

  it('follows its categories, yet moves its checkpoint to the last position it has scanned', async () => {
    await append(fixture.store, 'Case-1', 'A');
    const last = await append(fixture.store, 'Other-1', 'B');
    const projection = streamStats({ categories: ['Case'] });
    const projector = open([projection]);

    await projector.catchUp();

    expect(dumpProjection(projector.database, projection).stream_stats_streams).toEqual([
      { stream: 'Case-1', events: 1, last_revision: 0, types: 'A' },
    ]);
    expect(projector.checkpoint('stream-stats')).toBe(last);
    await projector.waitForPosition(last, 1_000);
  });

  it('coalesces concurrent catch-ups: one pass runs, at most one more is queued, and each caller sees its events', async () => {
    await seed(fixture.store, 10);
    const wrapper = interceptable(fixture.store);
    const projector = open([streamStats()], { batchSize: 100 }, wrapper.store);

    const first = projector.catchUp();
    const late = await append(fixture.store, 'Case-late', 'Late');
    const joiners = Array.from({ length: 20 }, () => projector.catchUp());
    await Promise.all([first, ...joiners]);

    expect(new Set(joiners).size).toBe(1);
    expect(wrapper.calls.length).toBeLessThanOrEqual(2);
    expect(projector.checkpoint('stream-stats')).toBe(late);
  });

  it('two projectors on one file (two processes) apply each event once', async () => {
    await seed(fixture.store, 40);
    const projection = streamStats();
    const [a, b] = [open([projection], { batchSize: 3 }), open([projection], { batchSize: 7 })];

    await Promise.all([a.catchUp(), b.catchUp(), a.catchUp(), b.catchUp()]);

    const applied = dumpProjection(a.database, projection).stream_stats_applied as Array<{ position: string }>;
    expect(applied).toHaveLength(40);
    expect(new Set(applied.map((row) => row.position)).size).toBe(40);
  });

  it('waits for a position, and times out with the projections still behind', async () => {
    const projector = open([streamStats({ name: 'one' }), streamStats({ name: 'two' })]);
    const position = await append(fixture.store, 'Case-1', 'A');

    await projector.waitForPosition(position, 2_000);
    expect(projector.checkpoint('one')).toBe(position);
    expect(projector.checkpoint('two')).toBe(position);

    const beyond = '999999' as Position;
    const error = await projector.waitForPosition(beyond, 100).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectionTimeoutError);
    expect(error).toMatchObject({ behind: ['one', 'two'] });
    await expect(projector.waitForPosition('nope' as Position)).rejects.toThrow(TypeError);
  });

  it('reports its lag per projection, capped, until it has caught up', async () => {
    await seed(fixture.store, 10);
    const projector = open([streamStats({ name: 'all' }), streamStats({ name: 'others', categories: ['Other'] })], { lagCap: 5 });
    const last = await fixture.store.lastPosition();

    expect(await projector.lag()).toEqual([
      { name: 'all', position: null, lastPosition: last, eventsBehind: 5, eventsBehindCapped: true, eventsBehindCap: 5, caughtUp: false },
      { name: 'others', position: null, lastPosition: last, eventsBehind: 2, eventsBehindCapped: false, eventsBehindCap: 5, caughtUp: false },
    ]);
    await projector.catchUp();
    expect(await projector.lag()).toEqual([
      expect.objectContaining({ name: 'all', position: last, eventsBehind: 0, caughtUp: true }),
      expect.objectContaining({ name: 'others', position: last, eventsBehind: 0, caughtUp: true }),
    ]);
  });

  it('rebuilds from zero with progress, reproducing the live rows and checkpoint', async () => {
    await seed(fixture.store, 23);
    const all = streamStats({ name: 'all' });
    const cases = streamStats({ name: 'cases', categories: ['Case'] });
    const projector = open([all, cases], { batchSize: 4 });
    await projector.catchUp();
    const live = [dumpProjection(projector.database, all), dumpProjection(projector.database, cases)];
    const checkpoints = [projector.checkpoint('all'), projector.checkpoint('cases')];
    // Damage the rows: the rebuild must not keep anything of them.
    projector.database.exec("UPDATE all_streams SET events = 0; INSERT INTO cases_streams VALUES ('Case-bogus', 1, 0, 'X')");

    const progress: RebuildProgress[] = [];
    const report = await projector.rebuild((p) => progress.push(p));

    expect([dumpProjection(projector.database, all), dumpProjection(projector.database, cases)]).toEqual(live);
    expect([projector.checkpoint('all'), projector.checkpoint('cases')]).toEqual(checkpoints);
    const caseEvents = 23 - 4; // every fifth event is in category Other
    expect(progress[0]).toEqual({ processed: 0, total: 23 + caseEvents });
    expect(progress.at(-1)).toEqual({ processed: 23 + caseEvents, total: 23 + caseEvents });
    expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));
    expect(report).toMatchObject({ processed: 42, projections: [{ name: 'all', events: 23 }, { name: 'cases', events: caseEvents }] });
  });

  it('discards a batch read before another process reset the projection', async () => {
    await seed(fixture.store, 10);
    const projection = streamStats();
    const wrapper = interceptable(fixture.store);
    const slow = open([projection], { batchSize: 4 }, wrapper.store);
    const other = open([projection], { batchSize: 4 });
    await slow.catchUp();
    await append(fixture.store, 'Case-new', 'New');

    // `slow` reads its next batch, and before it commits, `other` rebuilds the projection from zero.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    wrapper.setHook(async (options) => {
      const events = await fixture.store.readAll(options);
      if (options.after !== undefined) await gate;
      return events;
    });
    const pass = slow.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    projection.reset(other.database);
    other.database.prepare('DELETE FROM projection_checkpoints').run();
    release();
    wrapper.setHook(null);
    await pass;

    const applied = dumpProjection(slow.database, projection).stream_stats_applied as Array<{ position: string }>;
    expect(applied).toHaveLength(11);
    expect(slow.checkpoint('stream-stats')).toBe(await fixture.store.lastPosition());
  });
  it('reads each page once for all projections, the union of their categories, and moves every checkpoint', async () => {
    await seed(fixture.store, 12);
    const wrapper = interceptable(fixture.store);
    const cases = streamStats({ name: 'cases', categories: ['Case'] });
    const others = streamStats({ name: 'others', categories: ['Other'] });
    const projector = open([cases, others], { batchSize: 5, maxBatchRows: 5, maxReplayBatchRows: 5 }, wrapper.store);

    await projector.catchUp();

    // 12 events, 5 a page: three pages, each read once for both projections.
    expect(wrapper.calls.map((call) => [...(call.categories ?? [])].sort())).toEqual([
      ['Case', 'Other'],
      ['Case', 'Other'],
      ['Case', 'Other'],
    ]);
    expect(dumpProjection(projector.database, cases).cases_applied).toHaveLength(10);
    expect(dumpProjection(projector.database, others).others_applied).toHaveLength(2);
    const last = await fixture.store.lastPosition();
    expect([projector.checkpoint('cases'), projector.checkpoint('others')]).toEqual([last, last]);

    // A projection that takes every category makes the pass read every category.
    wrapper.calls.length = 0;
    const all = streamStats({ name: 'all' });
    const wider = open([cases, all], { batchSize: 100 }, wrapper.store);
    await append(fixture.store, 'Case-new', 'New');
    await wider.catchUp();
    expect(wrapper.calls.map((call) => call.categories)).toEqual([undefined]);
    expect(dumpProjection(wider.database, all).all_applied).toHaveLength(13);
  });

  it('folds the pages of a backlog into one batch, up to maxBatchRows rows (more from the start), and a short page ends it', async () => {
    await seed(fixture.store, 23);
    const unbounded: number[] = [];
    await open([batchedStats('unbounded', unbounded)], { batchSize: 4 }).catchUp();
    expect(unbounded).toEqual([23]);

    const bounded: number[] = [];
    const projector = open([batchedStats('bounded', bounded)], { batchSize: 4, maxBatchRows: 8, maxReplayBatchRows: 12 });
    // From the start of the log, batches of 12: three pages of 4, then the rest, ended by the short page.
    await projector.catchUp();
    expect(bounded).toEqual([12, 11]);
    // A backlog behind a checkpoint: batches of 8 (two pages); the fifth page is full, so a sixth, empty, ends it.
    for (let i = 0; i < 20; i += 1) await append(fixture.store, `Case-${i % 3}`, `Late${i}`);
    await projector.catchUp();
    expect(bounded).toEqual([12, 11, 8, 8, 4]);
    await append(fixture.store, 'Case-new', 'New');
    await projector.catchUp();
    expect(bounded).toEqual([12, 11, 8, 8, 4, 1]);
  });

  it('lets every catch-up and wait of one event-loop turn share one pass', async () => {
    const wrapper = interceptable(fixture.store);
    // Each pass starts by checking that the read models belong to the log.
    let passes = 0;
    const logId = wrapper.store.logId.bind(wrapper.store);
    wrapper.store.logId = () => ((passes += 1), logId());
    const projector = open([streamStats({ name: 'one' }), streamStats({ name: 'two' })], { batchSize: 100 }, wrapper.store);

    // 32 commands run at once: each appends, then waits for the read models to pass its own event. Their waits
    // begin one after the other (command i does i more steps of async work first), all within one turn of the
    // event loop.
    const commands = Array.from({ length: 32 }, async (_, i) => {
      const position = await append(fixture.store, `Case-${i}`, `T${i}`);
      for (let step = 0; step < i; step += 1) await Promise.resolve();
      await projector.waitForPosition(position, 5_000);
      return position;
    });
    const positions = await Promise.all(commands);

    expect(passes).toBe(1);
    expect(wrapper.calls).toHaveLength(1);
    const last = await fixture.store.lastPosition();
    expect(positions).toContain(last);
    expect([projector.checkpoint('one'), projector.checkpoint('two')]).toEqual([last, last]);
    expect(dumpProjection(projector.database, streamStats({ name: 'one' })).one_applied).toHaveLength(32);

    const catchUps = [projector.catchUp(), projector.catchUp()];
    expect(catchUps[0]).toBe(catchUps[1]);
    await Promise.all(catchUps);
    expect(passes).toBe(2);
  });

  it('rolls back a throwing projection alone: the others commit and go on, then the pass rejects', async () => {
    await seed(fixture.store, 12);
    const events = await fixture.store.readAll({ limit: 100 });
    let poison: string | null = events[7]!.id;
    const failing = streamStats({ name: 'failing', failOn: () => poison });
    const healthy = streamStats({ name: 'healthy' });
    const projector = open([failing, healthy], { batchSize: 5, maxBatchRows: 5, maxReplayBatchRows: 5 });

    await expect(projector.catchUp()).rejects.toThrow(`cannot project ${events[7]!.id}`);

    expect(projector.checkpoint('failing')).toBe(events[4]!.position);
    expect(dumpProjection(projector.database, failing).failing_applied).toHaveLength(5);
    expect(projector.checkpoint('healthy')).toBe(events[11]!.position);
    expect(dumpProjection(projector.database, healthy).healthy_applied).toHaveLength(12);

    poison = null;
    await projector.catchUp();
    expect(projector.checkpoint('failing')).toBe(events[11]!.position);
    expect(dumpProjection(projector.database, failing).failing_applied).toHaveLength(12);
    expect(dumpProjection(projector.database, healthy).healthy_applied).toHaveLength(12);
  });

  it('drops a fold whose checkpoint another process moved while it was read, and reads again', async () => {
    await seed(fixture.store, 10);
    const projection = streamStats();
    const wrapper = interceptable(fixture.store);
    const slow = open([projection], { batchSize: 4 }, wrapper.store);
    const other = open([projection], { batchSize: 4 });

    // `slow` reads its first page, and before it writes, `other` projects the whole log.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    wrapper.setHook(async (options) => {
      const events = await fixture.store.readAll(options);
      wrapper.setHook(null);
      await gate;
      return events;
    });
    const pass = slow.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await other.catchUp();
    release();
    await pass;

    const applied = dumpProjection(slow.database, projection).stream_stats_applied as Array<{ position: string }>;
    expect(applied).toHaveLength(10);
    expect(new Set(applied.map((row) => row.position)).size).toBe(10);
    expect(slow.checkpoint('stream-stats')).toBe(await fixture.store.lastPosition());
  });

  it('counts the events to rebuild with readAll when the store cannot count them', async () => {
    await seed(fixture.store, 9);
    const counting: EventStore = Object.create(fixture.store) as EventStore;
    Object.defineProperty(counting, 'countEvents', { value: undefined });
    const projector = open([streamStats({ name: 'all' }), streamStats({ name: 'cases', categories: ['Case'] })], {}, counting);
    const progress: RebuildProgress[] = [];

    await projector.rebuild((p) => progress.push(p));

    // Every fifth event is in category Other: 9 for `all`, 8 for `cases`.
    expect(progress[0]).toEqual({ processed: 0, total: 17 });
    expect(progress.at(-1)).toEqual({ processed: 17, total: 17 });
  });
});
