import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LICENCE_APPLICATION_CATEGORY, licenceApplicationStream } from '@app/domain';
import { SqliteEventStore, type EventStore, type Position, type Projection, type RebuildReport } from '@app/infra';
import { openReadModels, READ_MODEL_PROJECTIONS } from '../apps/api/src/read-models/read-models.database';
import { caseLifecycle, seededSnapshot, toNewEvent } from './case-events';
import { inUnits, measure, report, type Measurement } from './measure';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const PAGE = 500;
const policy = seededSnapshot('2025-11-08');

/**
 * Appends every case's lifecycle one event per append, step by step, so the cases interleave in the log. The log
 * then holds case events only (the `LicenceApplication` category).
 */
async function fill(store: EventStore): Promise<number> {
  const cases = Array.from({ length: CASES }, (_, index) => caseLifecycle(index, policy));
  let events = 0;
  for (let step = 0; step < cases[0]!.steps.length; step += 1) {
    for (const { id, steps } of cases) {
      const expectedRevision = step === 0 ? 'no-stream' : BigInt(step - 1);
      await store.appendToStream(licenceApplicationStream(id), [toNewEvent(steps[step]!)], { expectedRevision });
      events += 1;
    }
  }
  return events;
}

/** The projector's read alone: the whole category, 500 events a page. */
async function readLog(store: EventStore): Promise<number> {
  let read = 0;
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), limit: PAGE, categories: [LICENCE_APPLICATION_CATEGORY] });
    read += page.length;
    if (page.length < PAGE) return read;
    after = page[page.length - 1]!.position;
  }
}

/**
 * The events a projection replays from a log of `events` case events: all of them when it reads the
 * `LicenceApplication` category (or every category), none otherwise.
 */
const replayedBy = (projection: Projection, events: number) =>
  !projection.categories || projection.categories.includes(LICENCE_APPLICATION_CATEGORY) ? events : 0;

/**
 * Fails unless the rebuild replayed, for each projection asked for, exactly the events of its categories. Each
 * projection replays the log on its own, so the report's `processed` is the sum over them, not the log's length.
 */
function checkRebuild(rebuilt: RebuildReport, projections: readonly Projection[], events: number): void {
  const got = rebuilt.projections.map(({ name, events: replayed }) => `${name} ${replayed}`).join(', ');
  const wanted = projections.map((projection) => `${projection.name} ${replayedBy(projection, events)}`).join(', ');
  if (got !== wanted) throw new Error(`the rebuild replayed ${got}; expected ${wanted}`);
  const total = projections.reduce((sum, projection) => sum + replayedBy(projection, events), 0);
  if (rebuilt.processed !== total) throw new Error(`the rebuild processed ${rebuilt.processed} events; expected ${total}`);
}

/** A new case: one submission, appended as the server does (`no-stream`, fsynced). */
let next = CASES;
const appendSubmission = (store: EventStore) => {
  const { id, steps } = caseLifecycle(next++, policy);
  return store.appendToStream(licenceApplicationStream(id), [toNewEvent(steps[0]!)], { expectedRevision: 'no-stream' });
};

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lcm-bench-projection-'));
  const store = SqliteEventStore.open(path.join(dir, 'events.sqlite'));
  const readModels = openReadModels(dir, store);
  try {
    const started = Date.now();
    const events = await fill(store);
    process.stdout.write(`Filled the store with ${CASES} cases, ${events} events, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    // The read is short and noisy: four times the passes.
    const read = await measure(`readAll of ${events} events, ${PAGE} a page`, PASSES * 4, async () => {
      if ((await readLog(store)) !== events) throw new Error('the read missed events');
    }, 2);
    // Each projection replays the log on its own, so a rebuild reads and applies every case event once per
    // projection. Its rate is counted in events replayed (events × projections): per event read, as the baseline.
    const replayed = READ_MODEL_PROJECTIONS.reduce((sum, projection) => sum + replayedBy(projection, events), 0);
    const rebuild = await measure(
      `rebuild: ${READ_MODEL_PROJECTIONS.length} projections, each replays the log`,
      PASSES,
      async () => checkRebuild(await readModels.rebuild(), READ_MODEL_PROJECTIONS, events),
      1,
    );
    // Each projection alone, to show where the rebuild's time goes.
    const alone: Measurement[] = [];
    for (const projection of READ_MODEL_PROJECTIONS) {
      const own = replayedBy(projection, events);
      const measured = await measure(`rebuild of ${projection.name} alone`, PASSES, async () => {
        checkRebuild(await readModels.rebuild(undefined, [projection.name]), [projection], events);
      }, 1);
      alone.push(inUnits(measured, own, 'events'));
    }
    report(`Projections over ${events} events (${CASES} cases), SQLite store and read models`, inUnits(read, events, 'events'), [
      { ...inUnits(rebuild, replayed, 'events'), name: `${rebuild.name} (events × ${READ_MODEL_PROJECTIONS.length})` },
      ...alone,
    ]);
    // What an operator waits for: the whole log rebuilt, which is slower per logged event with each projection.
    process.stdout.write(
      `  a whole rebuild: ${events} logged events in ${(rebuild.seconds / rebuild.operations).toFixed(2)} s ` +
        `(${(rebuild.perSecond * events).toFixed(0)} logged events/s; ${(rebuild.perSecond / read.perSecond).toFixed(3)} × baseline)\n`,
    );

    const append = await measure('append 1 event (new case, no-stream)', APPENDS, () => appendSubmission(store));
    const catchUp = await measure('append 1 event + waitForPosition (catch-up)', APPENDS, async () => {
      await readModels.waitForPosition((await appendSubmission(store)).position);
    });
    report('Incremental catch-up of one event, against a bare append', append, [catchUp]);
  } finally {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
