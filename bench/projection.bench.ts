import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LICENCE_APPLICATION_CATEGORY, licenceApplicationStream } from '@app/domain';
import { SqliteEventStore, type EventStore, type Position } from '@app/infra';
import { openReadModels } from '../apps/api/src/read-models/read-models.database';
import { caseLifecycle, seededSnapshot, toNewEvent } from './case-events';
import { inUnits, measure, report } from './measure';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const PAGE = 500;
const policy = seededSnapshot('2025-11-08');

/** Appends every case's lifecycle one event per append, step by step, so the cases interleave in the log. */
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
    const rebuild = await measure(`rebuild: count, reset, replay, 1 transaction per ${PAGE}`, PASSES, async () => {
      if ((await readModels.rebuild()).processed !== events) throw new Error('the rebuild missed events');
    }, 1);
    report(`Projections over ${events} events (${CASES} cases), SQLite store and read models`, inUnits(read, events, 'events'), [
      inUnits(rebuild, events, 'events'),
    ]);

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
