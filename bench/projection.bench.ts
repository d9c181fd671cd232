import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore, type EventStore, type NewEvent, type Position, type SqliteProjector } from '@app/infra';
import { openReadModels, READ_MODEL_PROJECTIONS } from '../apps/api/src/shared/read-models/read-models.database';
import { seededSnapshot, timeOrderedLog, toNewEvent } from './case-events';
import { benchSize, record, runBench } from './measure';

/** Cases in the log the rebuild replays (about 5 events each). */
const CASES = benchSize('BENCH_PROJECTION_CASES', 50_000, 300);
/** Cases appended afterwards in multi-stream appends, each append followed by a catch-up. */
const BULK_CASES = benchSize('BENCH_PROJECTION_BULK_CASES', 20_000, 100);
/** Single-event appends, bare and followed by a wait for the read models. */
const APPENDS = benchSize('BENCH_PROJECTION_APPENDS', 2_000, 20);
/** Rounds of (read the log, rebuild); the fastest of each is kept, the machine being shared. */
const ROUNDS = benchSize('BENCH_PROJECTION_ROUNDS', 3, 1);
/** Streams per multi-stream append, as a re-evaluation batch appends them. */
const STREAMS_PER_APPEND = 200;
/** The projector's page size (its default). */
const PAGE = 1_000;
const policy = seededSnapshot('2025-11-08');

/** The categories the projector reads: the union of the projections'. */
const CATEGORIES = [...new Set(READ_MODEL_PROJECTIONS.flatMap((projection) => projection.categories ?? []))];

const perSecond = (count: number, ms: number) => (count * 1000) / ms;
const format = (rate: number) => Math.round(rate).toLocaleString('en-US').replace(/,/g, ' ');

/**
 * Appends the lifecycles of cases `from` … `from + count - 1` in the order they happen, `STREAMS_PER_APPEND` streams
 * an append (a stream's consecutive steps go in the same append), calling `after` once each append is committed.
 */
async function appendCases(
  store: EventStore,
  from: number,
  count: number,
  after: (events: number, position: Position) => Promise<void> = async () => undefined,
): Promise<{ events: number; appendMs: number }> {
  const revisions = new Map<string, bigint>();
  let pending = new Map<string, NewEvent[]>();
  let events = 0;
  let appendMs = 0;
  const flush = async () => {
    if (pending.size === 0) return;
    const appends = [...pending].map(([streamName, newEvents]) => {
      const revision = revisions.get(streamName);
      revisions.set(streamName, (revision ?? -1n) + BigInt(newEvents.length));
      return { streamName, events: newEvents, expectedRevision: revision ?? ('no-stream' as const) };
    });
    const appended = appends.reduce((sum, append) => sum + append.events.length, 0);
    pending = new Map();
    const started = performance.now();
    const results = await store.appendToStreams(appends);
    appendMs += performance.now() - started;
    events += appended;
    await after(appended, results.at(-1)!.position);
  };
  for (const step of timeOrderedLog(from, count, policy)) {
    const queued = pending.get(step.streamName) ?? [];
    queued.push(...step.events.map((event) => toNewEvent(event)));
    pending.set(step.streamName, queued);
    if (pending.size >= STREAMS_PER_APPEND) await flush();
  }
  await flush();
  return { events, appendMs };
}

/** Reads the log as the projector does: the projections' categories, a page at a time. */
async function readLog(store: EventStore): Promise<number> {
  let read = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), limit: PAGE, categories: CATEGORIES });
    read += page.length;
    if (page.length < PAGE) return read;
    after = page[page.length - 1]!.position;
  }
}

/** How long `run` takes, in ms. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Fails unless the read models hold every case of the log, each projection having passed its last position. */
async function checkCaughtUp(readModels: SqliteProjector, store: EventStore, cases: number): Promise<void> {
  const rows = readModels.database.prepare<[], number>('SELECT COUNT(*) FROM case_list').pluck().get();
  if (rows !== cases) throw new Error(`the case list holds ${rows} cases; the log has ${cases}`);
  const last = await store.lastPosition();
  for (const name of readModels.names) {
    if (readModels.checkpoint(name) !== last) throw new Error(`${name} is at ${readModels.checkpoint(name)}, the log at ${last}`);
  }
}

async function rebuildAgainstRead(store: EventStore, readModels: SqliteProjector, events: number): Promise<void> {
  // The first catch-up projects the whole log into the empty file; every rebuild then replaces a full one.
  const firstMs = await timed(() => readModels.catchUp());
  process.stdout.write(`  first catch-up of the log into an empty file: ${format(perSecond(events, firstMs))} logged events/s\n`);
  let readMs = Number.POSITIVE_INFINITY;
  let rebuildMs = Number.POSITIVE_INFINITY;
  // Interleaved, so both meet the same load on a shared machine; the fastest of each is kept.
  for (let round = 0; round < ROUNDS; round += 1) {
    readMs = Math.min(
      readMs,
      await timed(async () => {
        if ((await readLog(store)) !== events) throw new Error('the read missed events');
      }),
    );
    rebuildMs = Math.min(
      rebuildMs,
      await timed(async () => {
        const report = await readModels.rebuild();
        // Both projections take every case event: each is handed to two projections.
        if (report.processed !== 2 * events) throw new Error(`the rebuild handed over ${report.processed} events; expected ${2 * events}`);
      }),
    );
    await checkCaughtUp(readModels, store, CASES);
  }
  const rebuild = perSecond(events, rebuildMs);
  const read = perSecond(events, readMs);
  const ratio = rebuild / read;
  record([
    {
      measurement: `rebuild of every read model, ${CASES} cases (fastest of ${ROUNDS}) / readAll of the same log, ${PAGE} a page`,
      figure: `${format(rebuild)} logged events/s (${events} in ${(rebuildMs / 1000).toFixed(2)} s)`,
      baseline: `${format(read)} events/s`,
      ratio,
      target: '≥ 100 000/s and ≥ 0.5 ×',
      met: rebuild >= 100_000 && ratio >= 0.5,
    },
  ]);
}

/** Appends new cases in multi-stream appends, catching up after each; then the same again as one backlog. */
async function catchUpAfterBulkAppends(store: EventStore, readModels: SqliteProjector): Promise<void> {
  let catchUpMs = 0;
  const stepwise = await appendCases(store, CASES, BULK_CASES, async () => {
    const started = performance.now();
    await readModels.catchUp();
    catchUpMs += performance.now() - started;
  });
  const backlog = await appendCases(store, CASES + BULK_CASES, BULK_CASES);
  const started = performance.now();
  await readModels.catchUp();
  const backlogMs = performance.now() - started;
  await checkCaughtUp(readModels, store, CASES + 2 * BULK_CASES);
  const append = perSecond(stepwise.events, stepwise.appendMs);
  const rows = [
    { name: `catch-up after each ${STREAMS_PER_APPEND}-stream append`, rate: perSecond(stepwise.events, catchUpMs) },
    { name: `catch-up of a backlog of ${backlog.events} events so appended`, rate: perSecond(backlog.events, backlogMs) },
  ];
  record(
    rows.map(({ name, rate }) => ({
      measurement: `${name} (${BULK_CASES} new cases) / the appends`,
      figure: `${format(rate)} events/s`,
      baseline: `${format(append)} events/s appended`,
      ratio: rate / append,
      target: '—',
      met: null,
    })),
  );
}

/** A new case's submission at a time, as a command appends it; then the same, each followed by the read-your-writes wait. */
async function catchUpAfterSingleAppends(store: EventStore, readModels: SqliteProjector): Promise<void> {
  let next = CASES + 2 * BULK_CASES;
  const appendSubmission = () => {
    // A case's first step is its submission.
    const [submission] = timeOrderedLog(next++, 1, policy);
    return store.appendToStream(submission!.streamName, submission!.events.map((event) => toNewEvent(event)), {
      expectedRevision: 'no-stream',
    });
  };
  const appendMs = await timed(async () => {
    for (let index = 0; index < APPENDS; index += 1) await appendSubmission();
  });
  const waitedMs = await timed(async () => {
    for (let index = 0; index < APPENDS; index += 1) await readModels.waitForPosition((await appendSubmission()).position);
  });
  const append = perSecond(APPENDS, appendMs);
  const waited = perSecond(APPENDS, waitedMs);
  record([
    {
      measurement: 'append 1 event + waitForPosition (catch-up) / the bare append',
      figure: `${format(waited)} ops/s`,
      baseline: `${format(append)} ops/s`,
      ratio: waited / append,
      target: '—',
      met: null,
    },
  ]);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lcm-bench-projection-'));
  const store = SqliteEventStore.open(path.join(dir, 'events.sqlite'));
  const readModels = openReadModels(dir, store);
  try {
    const started = performance.now();
    const { events } = await appendCases(store, 0, CASES);
    process.stdout.write(`Filled the log with ${CASES} cases, ${events} events, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    await rebuildAgainstRead(store, readModels, events);
    await catchUpAfterBulkAppends(store, readModels);
    await catchUpAfterSingleAppends(store, readModels);
  } finally {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
