import type { Pool } from 'pg';
import { InMemoryEventStore } from '../../event-store/in-memory/in-memory-event-store';
import { PostgresEventStore } from '../../event-store/postgres/postgres-event-store';
import type { EventStore, Position, ReadAllOptions, RecordedEvent } from '../../event-store/event-store.port';
import { describeWithPostgres } from '../../postgres/testing/postgres-test-database';
import { startPostgresRelay } from '../../postgres/testing/postgres-outage';
import { openPostgresPool } from '../../postgres/postgres-pool';
import { TestSchemas, type TestSchema } from '../../event-store/postgres/testing/postgres-test-schema';
import { ProjectionTimeoutError, type RebuildProgress } from '../projection';
import type { PostgresProjection } from './postgres-projection';
import { PostgresProjector, type PostgresProjectorOptions } from './postgres-projector';
import { dumpPostgresProjection } from './testing/postgres-projection-driver';
import { streamStats } from './stream-stats.test-projection';

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

/** A store whose readAll the test can hold back. */
function interceptable(store: EventStore) {
  let hook: ((options: ReadAllOptions) => Promise<RecordedEvent[]>) | null = null;
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.readAll = (options) => (hook ? hook(options) : store.readAll(options));
  return { store: wrapped, setHook: (next: typeof hook) => (hook = next) };
}

/** A promise the test resolves when it chooses. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const positionsOf = (rows: unknown[] | undefined) => (rows as Array<{ position: string }>).map((row) => row.position);

describeWithPostgres('PostgresProjector', (database) => {
  const schemas = new TestSchemas(() => database().url);
  let schema: TestSchema;
  let store: InMemoryEventStore;
  /** The pool of the first instance; tests open more (one per API instance) with `openPool()`. */
  let pool: Pool;
  const pools: Pool[] = [];
  const openPool = async (url = schema.url) => {
    const opened = await openPostgresPool(url, { max: 4 });
    pools.push(opened);
    return opened;
  };
  const projectors: PostgresProjector[] = [];
  const open = async (
    projections: PostgresProjection[],
    options: PostgresProjectorOptions = {},
    on: { store?: EventStore; pool?: Pool } = {},
  ): Promise<PostgresProjector> => {
    const projector = await PostgresProjector.open(on.pool ?? pool, on.store ?? store, projections, options);
    projectors.push(projector);
    return projector;
  };
  const dump = (projection: PostgresProjection) => dumpPostgresProjection(pool, projection);

  beforeEach(async () => {
    schema = await schemas.create();
    pool = await openPool();
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    for (const projector of projectors.splice(0)) await projector.close();
    await store.close();
    await Promise.all(pools.splice(0).map((opened) => opened.end()));
    await schema.drop();
  });
  afterAll(() => schemas.end());

  it('projects every event once and records the checkpoint with the rows', async () => {
    await seed(store, 12);
    const projection = streamStats();
    const projector = await open([projection], { batchSize: 5 });

    await projector.catchUp();

    const rows = await dump(projection);
    expect(rows.stream_stats_streams).toEqual([
      { stream: 'Case-0', events: 3, last_revision: 2, types: 'T0,T3,T6' },
      { stream: 'Case-1', events: 3, last_revision: 2, types: 'T1,T7,T10' },
      { stream: 'Case-2', events: 4, last_revision: 3, types: 'T2,T5,T8,T11' },
      { stream: 'Other-x', events: 2, last_revision: 1, types: 'T4,T9' },
    ]);
    expect(rows.stream_stats_applied).toHaveLength(12);
    expect(await projector.checkpoint('stream-stats')).toBe(await store.lastPosition());
    const recorded = await pool.query("SELECT component, version, name FROM schema_migrations ORDER BY component, version");
    expect(recorded.rows).toEqual([
      { component: 'projector', version: 1, name: 'create-checkpoints' },
      { component: 'projector', version: 2, name: 'log-identity' },
      { component: 'read-model:stream-stats', version: 1, name: 'create-tables' },
    ]);
  });

  it('commits rows and checkpoint together: a failing write leaves both at the previous batch', async () => {
    await seed(store, 12);
    const events = await store.readAll({ limit: 100 });
    let poison: string | null = events[7]!.id;
    const projection = streamStats({ failOn: () => poison });
    const projector = await open([projection], { batchSize: 5, maxBatchRows: 5, maxReplayBatchRows: 5 });

    await expect(projector.catchUp()).rejects.toThrow(`cannot project ${events[7]!.id}`);

    // The first batch (events 1–5) is committed; nothing of the second (6–10), although 6 and 7 were written.
    expect(await projector.checkpoint('stream-stats')).toBe(events[4]!.position);
    expect(positionsOf((await dump(projection)).stream_stats_applied)).toEqual(events.slice(0, 5).map((event) => event.position));

    poison = null;
    await projector.catchUp();
    expect(positionsOf((await dump(projection)).stream_stats_applied)).toEqual(events.map((event) => event.position));
  });

  it('resumes from its checkpoint after a restart, applying only the new events', async () => {
    await seed(store, 6);
    const first = await open([streamStats()]);
    await first.catchUp();
    await first.close();

    // Another process: its own pool on the same database.
    const seen: string[] = [];
    const projector = await open([streamStats({ beforeEvent: async (event) => void seen.push(event.type) })], {}, { pool: await openPool() });
    await append(store, 'Case-7', 'After');
    await projector.catchUp();

    expect(seen).toEqual(['After']);
    expect((await dump(streamStats())).stream_stats_applied).toHaveLength(7);
    expect(await projector.checkpoint('stream-stats')).toBe(await store.lastPosition());
  });

  it('two instances (two pools) projecting at once apply each event exactly once', async () => {
    await seed(store, 60);
    const slowly = async () => new Promise<void>((resolve) => setImmediate(resolve));
    const instance = async (batchSize: number) =>
      open(
        [streamStats({ beforeEvent: slowly }), streamStats({ name: 'cases', categories: ['Case'] })],
        { batchSize, maxBatchRows: batchSize, maxReplayBatchRows: batchSize },
        { pool: await openPool() },
      );
    const [a, b] = await Promise.all([instance(3), instance(7)]);

    await Promise.all([a.catchUp(), b.catchUp()]);
    for (let i = 0; i < 20; i += 1) await append(store, `Case-${i % 4}`, `Late${i}`);
    await Promise.all([b.catchUp(), a.catchUp()]);

    const all = await dump(streamStats());
    expect(all.stream_stats_applied).toHaveLength(80);
    expect(new Set(positionsOf(all.stream_stats_applied)).size).toBe(80);
    const events = (all.stream_stats_streams as Array<{ events: number }>).reduce((sum, row) => sum + row.events, 0);
    expect(events).toBe(80);
    const cases = await dump(streamStats({ name: 'cases' }));
    expect(new Set(positionsOf(cases.cases_applied)).size).toBe(cases.cases_applied!.length);
    expect(cases.cases_applied).toHaveLength(48 + 20);
    const last = await store.lastPosition();
    expect([await a.checkpoint('stream-stats'), await b.checkpoint('cases')]).toEqual([last, last]);
  });

  it('two API instances sharing one database for the log and the read models agree on every row', async () => {
    // Each instance has its own pool, its own event store and its own projector, as two API processes would.
    const instances = await Promise.all(
      [3, 5].map(async (batchSize) => {
        const own = await openPool();
        const log = await PostgresEventStore.open(own);
        const projector = await open([streamStats(), streamStats({ name: 'cases', categories: ['Case'] })], { batchSize, maxBatchRows: batchSize }, { store: log, pool: own });
        return { log, projector };
      }),
    );
    try {
      // Both append and wait for their own events, interleaved, while both project.
      await Promise.all(
        instances.map(async ({ log, projector }, instance) => {
          for (let i = 0; i < 15; i += 1) {
            const position = await append(log, i % 4 === 3 ? `Other-${instance}` : `Case-${instance}-${i % 3}`, `I${instance}E${i}`);
            if (i % 5 === 4) await projector.waitForPosition(position, 5_000);
            else void projector.catchUp().catch(() => undefined);
          }
          await projector.catchUp();
        }),
      );
      await Promise.all(instances.map(({ projector }) => projector.catchUp()));

      const head = await instances[0]!.log.lastPosition();
      const every = await instances[0]!.log.readAll({ limit: 100 });
      expect(every).toHaveLength(30);
      const all = await dump(streamStats());
      expect(positionsOf(all.stream_stats_applied)).toEqual(every.map((event) => event.position));
      const cases = await dump(streamStats({ name: 'cases' }));
      expect(positionsOf(cases.cases_applied)).toEqual(every.filter((event) => event.streamName.startsWith('Case-')).map((event) => event.position));
      for (const { projector } of instances) {
        expect([await projector.checkpoint('stream-stats'), await projector.checkpoint('cases')]).toEqual([head, head]);
      }
    } finally {
      for (const projector of projectors.splice(0)) await projector.close();
      for (const { log } of instances) await log.close();
    }
  });

  it('drops a fold whose checkpoint another instance moved while it was read, and reads again', async () => {
    await seed(store, 10);
    const projection = streamStats();
    const wrapper = interceptable(store);
    const slow = await open([projection], { batchSize: 4 }, { store: wrapper.store });
    const other = await open([projection], { batchSize: 4 }, { pool: await openPool() });

    // `slow` reads its first page, and before it writes, `other` projects the whole log.
    const held = gate();
    wrapper.setHook(async (options) => {
      const events = await store.readAll(options);
      wrapper.setHook(null);
      await held.opened;
      return events;
    });
    const pass = slow.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await other.catchUp();
    held.open();
    await pass;

    const applied = positionsOf((await dump(projection)).stream_stats_applied);
    expect(applied).toHaveLength(10);
    expect(new Set(applied).size).toBe(10);
    expect(await slow.checkpoint('stream-stats')).toBe(await store.lastPosition());
  });

  it('rolls back a throwing projection alone: the other commits and goes on, then the pass rejects', async () => {
    await seed(store, 12);
    const events = await store.readAll({ limit: 100 });
    let poison: string | null = events[7]!.id;
    const failing = streamStats({ name: 'failing', failOn: () => poison });
    const healthy = streamStats({ name: 'healthy' });
    const projector = await open([failing, healthy], { batchSize: 5, maxBatchRows: 5, maxReplayBatchRows: 5 });

    await expect(projector.catchUp()).rejects.toThrow(`cannot project ${events[7]!.id}`);

    expect(await projector.checkpoint('failing')).toBe(events[4]!.position);
    expect((await dump(failing)).failing_applied).toHaveLength(5);
    expect(await projector.checkpoint('healthy')).toBe(events[11]!.position);
    expect((await dump(healthy)).healthy_applied).toHaveLength(12);

    poison = null;
    await projector.catchUp();
    expect(await projector.checkpoint('failing')).toBe(events[11]!.position);
    expect((await dump(failing)).failing_applied).toHaveLength(12);
    expect((await dump(healthy)).healthy_applied).toHaveLength(12);
  });

  it('rebuilds from zero with progress, reproducing the live rows and checkpoints', async () => {
    await seed(store, 23);
    const all = streamStats({ name: 'all' });
    const cases = streamStats({ name: 'cases', categories: ['Case'] });
    const projector = await open([all, cases], { batchSize: 4 });
    await projector.catchUp();
    const live = [await dump(all), await dump(cases)];
    const checkpoints = [await projector.checkpoint('all'), await projector.checkpoint('cases')];
    // Damage the rows: the rebuild must not keep anything of them.
    await pool.query("UPDATE all_streams SET events = 0; INSERT INTO cases_streams VALUES ('Case-bogus', 1, 0, 'X')");

    const progress: RebuildProgress[] = [];
    const report = await projector.rebuild((p) => progress.push(p));

    const rebuilt = [await dump(all), await dump(cases)];
    // The applied logs are numbered anew: compare what they hold.
    const withoutSeq = (rows: Array<Record<string, unknown[]>>) =>
      rows.map((tables) => Object.fromEntries(Object.entries(tables).map(([table, r]) => [table, r.map((row) => ({ ...(row as object), seq: 0 }))])));
    expect(withoutSeq(rebuilt)).toEqual(withoutSeq(live));
    expect([await projector.checkpoint('all'), await projector.checkpoint('cases')]).toEqual(checkpoints);
    const caseEvents = 23 - 4; // every fifth event is in category Other
    expect(progress[0]).toEqual({ processed: 0, total: 23 + caseEvents });
    expect(progress.at(-1)).toEqual({ processed: 23 + caseEvents, total: 23 + caseEvents });
    expect(progress.map((p) => p.processed)).toEqual([...progress.map((p) => p.processed)].sort((a, b) => a - b));
    expect(report).toMatchObject({
      processed: 42,
      projections: [
        { name: 'all', events: 23, position: checkpoints[0] },
        { name: 'cases', events: caseEvents, position: checkpoints[1] },
      ],
    });
  });

  it('rebuilds read models projected from another log, saying why', async () => {
    await seed(store, 12);
    const projection = streamStats();
    const first = await open([projection]);
    await first.catchUp();
    await first.close();

    const other = new InMemoryEventStore();
    try {
      await append(other, 'Case-9', 'New');
      const reasons: string[] = [];
      const projector = await open([projection], { onDivergence: (reason) => reasons.push(reason) }, { store: other });
      await projector.catchUp();
      expect(reasons).toEqual([expect.stringMatching(/projected from another event log/)]);
      expect((await dump(projection)).stream_stats_streams).toEqual([{ stream: 'Case-9', events: 1, last_revision: 0, types: 'New' }]);
      expect(await projector.checkpoint('stream-stats')).toBe(await other.lastPosition());
      await projector.catchUp();
      expect(reasons).toHaveLength(1);
      const recorded = await pool.query('SELECT log_id FROM projected_log');
      expect(recorded.rows).toEqual([{ log_id: await other.logId() }]);
    } finally {
      for (const projector of projectors.splice(0)) await projector.close();
      await other.close();
    }
  });

  it('rebuilds read models whose checkpoint is beyond the log (an older copy of the log restored)', async () => {
    await seed(store, 12);
    const projection = streamStats();
    const first = await open([projection]);
    await first.catchUp();
    await first.close();
    const kept = (await store.readAll({ limit: 5 })).at(-1)!.position;
    const restored: EventStore = Object.create(store) as EventStore;
    restored.lastPosition = async () => kept;
    restored.readAll = async (options) => (await store.readAll(options)).filter((event) => store.comparePositions(event.position, kept) <= 0);

    const reasons: string[] = [];
    const projector = await open([projection], { onDivergence: (reason) => reasons.push(reason) }, { store: restored });
    await projector.catchUp();
    expect(reasons).toEqual([expect.stringMatching(/beyond the event log's last position .*restored from an older copy/)]);
    expect((await dump(projection)).stream_stats_applied).toHaveLength(5);
    expect(await projector.checkpoint('stream-stats')).toBe(kept);
  });

  it('waits for a position, and times out with the projections still behind', async () => {
    const projector = await open([streamStats({ name: 'one' }), streamStats({ name: 'two' })]);
    const position = await append(store, 'Case-1', 'A');

    await projector.waitForPosition(position, 2_000);
    expect(await projector.checkpoint('one')).toBe(position);
    expect(await projector.checkpoint('two')).toBe(position);

    const beyond = '999999' as Position;
    const error = await projector.waitForPosition(beyond, 100).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectionTimeoutError);
    expect(error).toMatchObject({ behind: ['one', 'two'] });
    await expect(projector.waitForPosition('nope' as Position)).rejects.toThrow(TypeError);
  });

  it('lets the waits of one event-loop turn share one pass', async () => {
    const counted: EventStore = Object.create(store) as EventStore;
    // Each pass starts by checking that the read models belong to the log.
    let passes = 0;
    counted.logId = () => ((passes += 1), store.logId());
    const projector = await open([streamStats({ name: 'one' }), streamStats({ name: 'two' })], { batchSize: 100 }, { store: counted });

    const positions = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const position = await append(store, `Case-${i}`, `T${i}`);
        await projector.waitForPosition(position, 5_000);
        return position;
      }),
    );

    expect(passes).toBe(1);
    const last = await store.lastPosition();
    expect(positions).toContain(last);
    expect([await projector.checkpoint('one'), await projector.checkpoint('two')]).toEqual([last, last]);
    expect((await dump(streamStats({ name: 'two' }))).two_applied).toHaveLength(16);
  });

  it('reports its lag per projection, capped, until it has caught up', async () => {
    await seed(store, 10);
    const projector = await open([streamStats({ name: 'all' }), streamStats({ name: 'others', categories: ['Other'] })], { lagCap: 5 });
    const last = await store.lastPosition();

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

  it('a connection lost during a batch write rejects the pass with nothing of the batch written', async () => {
    await seed(store, 6);
    const relay = await startPostgresRelay(schema.url);
    try {
      let cutAt: string | null = null;
      const projection = streamStats({
        beforeEvent: async (event) => {
          if (event.id === cutAt) await relay.cut();
        },
      });
      const projector = await open([projection], { batchSize: 4 }, { pool: await openPool(relay.url) });
      await projector.catchUp();
      const before = await dump(projection);

      await seed(store, 5);
      const events = await store.readAll({ limit: 100 });
      cutAt = events[8]!.id; // the third of the new events: two are written in the transaction before the cut
      await expect(projector.catchUp()).rejects.toThrow();

      expect(await dump(projection)).toEqual(before);
      expect(await projector.checkpoint('stream-stats').catch(() => 'unreachable')).toBe('unreachable');
      await relay.restore();
      cutAt = null;
      await projector.catchUp();
      expect(positionsOf((await dump(projection)).stream_stats_applied)).toEqual(events.map((event) => event.position));
      expect(await projector.checkpoint('stream-stats')).toBe(await store.lastPosition());
    } finally {
      for (const projector of projectors.splice(0)) await projector.close();
      await relay.close();
    }
  });

  it('refuses projections that share a name', async () => {
    await expect(PostgresProjector.open(pool, store, [streamStats(), streamStats()])).rejects.toThrow(/unique/);
    await expect(PostgresProjector.open(pool, store, [streamStats()], { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
