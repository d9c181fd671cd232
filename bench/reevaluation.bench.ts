import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import {
  addDays,
  countryPolicyStream,
  CountryPolicy,
  LICENCE_APPLICATION_CATEGORY,
  LicenceApplication,
  licenceApplicationStream,
  ReevaluationRun,
  reevaluationStream,
  type RecordCountryStatusChange,
} from '@app/domain';
import { AggregateRepository, type CommandContext, type EventStore, type Position } from '@app/infra';
import { createApp } from '../apps/api/src/app.factory';
import { SubmitApplicationCommand } from '../apps/api/src/licence-applications/submit-application/submit-application.command';
import type { SubmitApplicationRequest } from '../apps/api/src/licence-applications/submit-application/submit-application.request.dto';
import { ReadModels } from '../apps/api/src/read-models/read-models.service';
import { reevaluationIdFor } from '../apps/api/src/reevaluation/reevaluation-ids';
import { REEVALUATION_BATCH } from '../apps/api/src/reevaluation/run-reevaluations/reevaluation-run.executor';
import { ReevaluationProcessManager } from '../apps/api/src/reevaluation/run-reevaluations/reevaluation.process-manager';
import type { Clock } from '../apps/api/src/shared/clock/clock';
import { loadConfig } from '../apps/api/src/shared/config/app-config';
import { EVENT_STORE } from '../apps/api/src/shared/event-store/event-store.providers';
import { measure, measureConcurrent, report, type Measurement } from './measure';

const CASES = Number(process.env.BENCH_REEVALUATION_CASES ?? 2000);
/** The smaller of the two memory runs (N); the larger one is every Cambodia case (4N). */
const MEMORY_CASES = Math.max(1, Math.floor(CASES / 4));
const FILL_CONCURRENCY = 8;
const MiB = 1024 * 1024;

/**
 * The day the first change takes effect. Every later change is recorded one day later, effective that day, so
 * each has the previous day's status as its `from` and is due as soon as it is recorded.
 */
const FIRST_DAY = '2026-11-29';

/** A clock the bench moves a day at a time, as the tests do: runs come due on the clock's today. */
class BenchClock implements Clock {
  private day = FIRST_DAY;
  now(): Date {
    return new Date(`${this.day}T09:00:00.000Z`);
  }
  today(): string {
    return this.day;
  }
  nextDay(): string {
    this.day = addDays(this.day, 1);
    return this.day;
  }
}

const citation = (frDocument: string, publishedOn: string) => ({
  frCitation: null,
  frDocument,
  publishedOn,
  title: 'Amendment to the International Traffic in Arms Regulations: §126.1',
  notes: null,
});

/** Cambodia back on Table 2 under ¶(o), with its 2021 exceptions; a new FR document each time. */
const relistCambodia = (effectiveOn: string, frDocument: string): RecordCountryStatusChange => ({
  countryCode: 'KH',
  countryName: 'Cambodia',
  status: 'denial-with-exceptions',
  paragraph: '(o)',
  exceptions: ['conventional-weapons-destruction', 'humanitarian-demining'],
  suspendedUntil: null,
  statusAfterSuspension: null,
  citation: citation(frDocument, effectiveOn),
  effectiveOn,
  announcedOn: null,
  reason: 'Cambodia placed on §126.1 again',
  unconfirmed: [],
});

const removeCambodia = (effectiveOn: string, frDocument: string): RecordCountryStatusChange => ({
  ...relistCambodia(effectiveOn, frDocument),
  status: 'not-listed',
  paragraph: null,
  exceptions: [],
  reason: 'Cambodia removed from §126.1 again',
});

/** Radios to a single end user: no exception applies, so listing or delisting the country always moves the track. */
const application = (country: string): SubmitApplicationRequest =>
  ({
    licenceType: 'DSP-5',
    applicant: { name: 'Acme Defense Systems LLC', registrationCode: 'M12345' },
    usmlCategories: ['XI'],
    valueUsd: 250000,
    majorDefenseEquipment: false,
    endUseCodes: [],
    description: 'Tactical radios',
    parties: [{ role: 'end-user', name: 'Ministry of Defence', country }],
  }) as SubmitApplicationRequest;

const context = (actor: string): CommandContext => ({ actor, correlationId: randomUUID(), causationId: null });

/** The run's figures as the `reevaluations` read model holds them (what GET /reevaluations/:id answers). */
interface RunRow {
  status: string;
  total: number;
  processed: number;
  changed: number;
  revised: number;
  unchanged: number;
  flagged: number;
  not_affected: number;
  caught_late: number;
}

interface Expected {
  readonly processed: number;
  readonly changed: number;
  /** Cases left on their track whose determinations change (DeterminationsRevised); 0 when not given. */
  readonly revised?: number;
  readonly unchanged: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** The live heap: after a full collection when node runs with --expose-gc, otherwise garbage included. */
function liveHeap(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** The live heap during one run: at its start, its largest growth, and what is left once it completed (over the lowest sample). */
interface HeapGrowth {
  readonly cases: number;
  readonly start: number;
  readonly growth: number;
  readonly retained: number;
}

const mebibytes = (bytes: number) => `${bytes < 0 ? '-' : '+'}${(Math.abs(bytes) / MiB).toFixed(2)} MiB`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-bench-reevaluation-'));
  const clock = new BenchClock();
  const app = await createApp(
    { config: loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'bench-secret-of-at-least-thirty-two-bytes' }), clock },
    false,
  );
  const commands = app.get(CommandBus);
  const repository = app.get(AggregateRepository);
  const store = app.get<EventStore>(EVENT_STORE);
  const readModels = app.get(ReadModels);
  const processManager = app.get(ReevaluationProcessManager);

  /** Submits `count` cases through the command bus (validation aside, what POST /applications does), not measured. */
  const submit = async (country: string, count: number): Promise<string[]> => {
    const ids: string[] = [];
    await measureConcurrent('submit', count, FILL_CONCURRENCY, async () => {
      const view = await commands.execute(new SubmitApplicationCommand(application(country), context('clerk-7')));
      ids.push(view.id);
    });
    return ids;
  };

  /** Records a change to Cambodia's entry as the status-change command does: load, decide, append with the loaded revision. */
  const recordChange = async (
    change: RecordCountryStatusChange,
    changeId = randomUUID(),
  ): Promise<{ reevaluationId: string; position: Position }> => {
    const stream = countryPolicyStream('KH');
    const { aggregate } = await repository.load(stream, () => new CountryPolicy('KH'));
    aggregate.recordStatusChange(change);
    const saved = await repository.save(stream, aggregate, context('policy-admin-1'), [changeId]);
    if (!store.isPosition(saved.position)) throw new Error(`Not a position: ${saved.position}`);
    return { reevaluationId: reevaluationIdFor(changeId), position: saved.position };
  };

  /** Events of each type appended to the cases after `after`. */
  const caseEventsAfter = async (after: Position): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    let cursor = after;
    for (;;) {
      const page = await store.readAll({ after: cursor, limit: 1000, categories: [LICENCE_APPLICATION_CATEGORY] });
      for (const event of page) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      if (page.length < 1000) return counts;
      cursor = page[page.length - 1]!.position;
    }
  };

  /**
   * Fails loudly unless the run completed with exactly the expected outcomes: in the read model, in the run's own
   * stream (one ReevaluationProgressed per batch) and on the cases (one ReviewTrackChanged per changed case).
   */
  const verify = async (label: string, reevaluationId: string, after: Position, expected: Expected): Promise<void> => {
    await readModels.catchUp();
    const row = readModels.read((db) =>
      db
        .prepare<[string], RunRow>(
          `SELECT status, total, processed, changed, revised, unchanged, flagged, not_affected, caught_late
           FROM reevaluation_runs WHERE reevaluation_id = ?`,
        )
        .get(reevaluationId),
    );
    const wanted: RunRow = {
      status: 'completed',
      total: expected.processed,
      processed: expected.processed,
      changed: expected.changed,
      revised: expected.revised ?? 0,
      unchanged: expected.unchanged,
      flagged: 0,
      not_affected: 0,
      caught_late: 0,
    };
    if (JSON.stringify(row) !== JSON.stringify(wanted)) {
      throw new Error(`${label}: the run is ${JSON.stringify(row)}, expected ${JSON.stringify(wanted)}`);
    }
    const { events } = await repository.load(reevaluationStream(reevaluationId), () => new ReevaluationRun(reevaluationId));
    const batches = events.filter((event) => event.type === 'ReevaluationProgressed').length;
    if (batches !== Math.ceil(expected.processed / REEVALUATION_BATCH)) throw new Error(`${label}: ${batches} batches recorded`);
    const appended = await caseEventsAfter(after);
    const moved = appended.get('ReviewTrackChanged') ?? 0;
    const revised = appended.get('DeterminationsRevised') ?? 0;
    const kinds = (expected.changed > 0 ? 1 : 0) + ((expected.revised ?? 0) > 0 ? 1 : 0);
    if (moved !== expected.changed || revised !== (expected.revised ?? 0) || appended.size > kinds) {
      throw new Error(`${label}: the cases got ${JSON.stringify(Object.fromEntries(appended))}`);
    }
  };

  /**
   * One run, timed from the change's append until `runDue()` has completed it. The append is inside the window so
   * that the window holds the whole run even if the process manager's own timer were to start it first (it could,
   * with a store that yields to the event loop); it is one event, well under 1 % of the run.
   */
  const timedRun = async (name: string, change: RecordCountryStatusChange, expected: Expected): Promise<Measurement> => {
    await readModels.catchUp();
    const started = performance.now();
    const { reevaluationId, position } = await recordChange(change);
    await processManager.runDue();
    const seconds = (performance.now() - started) / 1000;
    await verify(name, reevaluationId, position, expected);
    return { name, operations: expected.processed, seconds, perSecond: expected.processed / seconds, unit: 'cases' };
  };

  /**
   * One run with the live heap sampled each time the executor saves to the run's own stream (its start, every batch
   * and its completion), after a full collection. So the samples show what a run holds as it goes, and not the
   * garbage of the batch in flight.
   */
  const memoryRun = async (change: RecordCountryStatusChange, expected: Expected): Promise<HeapGrowth> => {
    const changeId = randomUUID();
    const runStream = reevaluationStream(reevaluationIdFor(changeId));
    const samples: number[] = [];
    const save = repository.save.bind(repository);
    const probe: AggregateRepository['save'] = async (streamName, aggregate, context, eventIds) => {
      const saved = await save(streamName, aggregate, context, eventIds);
      if (streamName === runStream) samples.push(liveHeap());
      return saved;
    };
    await readModels.catchUp();
    repository.save = probe;
    try {
      const { reevaluationId, position } = await recordChange(change, changeId);
      await processManager.runDue();
      repository.save = save;
      const after = liveHeap();
      await verify(`memory run of ${expected.processed}`, reevaluationId, position, expected);
      // What the previous phase left in suspended frames is released in the first batches, so the heap often
      // drops first: the growth is measured from the lowest sample to the largest one after it.
      const lowest = samples.indexOf(Math.min(...samples));
      const growth = Math.max(...samples.slice(lowest)) - samples[lowest]!;
      return { cases: expected.processed, start: samples[0]!, growth, retained: after - samples[lowest]! };
    } finally {
      repository.save = save;
    }
  };

  /** Withdraws cases (not measured): a decided case leaves the selection of every later run. */
  const withdraw = async (ids: readonly string[]): Promise<void> => {
    for (const id of ids) {
      const stream = licenceApplicationStream(id);
      const { aggregate } = await repository.load(stream, () => new LicenceApplication(id));
      aggregate.withdraw({ applicationId: id, reason: 'Programme cancelled', at: clock.now().toISOString(), by: 'clerk-7' });
      await repository.save(stream, aggregate, context('clerk-7'));
    }
  };

  try {
    // The seed's own runs (about sixty, all empty) are done before anything is filled.
    await processManager.runDue();

    // 1. Fill: Cambodia is not listed today, so every case is case by case. France gets the baseline's set.
    const filling = performance.now();
    const cambodia = await submit('KH', CASES);
    const france = await submit('FR', CASES);
    await readModels.catchUp();
    process.stdout.write(`Filled ${CASES} Cambodia and ${CASES} France cases in ${((performance.now() - filling) / 1000).toFixed(1)} s\n`);

    // 2. Baseline: the least durable work a changed case needs, one stream read and one fsynced append with the
    //    revision read, on the France cases so the Cambodia cases stay as submitted. Half of it runs before the
    //    timed runs and half after, so a drift in the disk's speed during the program weighs on both sides alike.
    const assignOne = async (index: number) => {
      const id = france[index]!;
      const stream = licenceApplicationStream(id);
      const { aggregate } = await repository.load(stream, () => new LicenceApplication(id));
      aggregate.assign({ applicationId: id, officerId: `officer-${index % 10}`, at: clock.now().toISOString(), by: 'supervisor-1' });
      await repository.save(stream, aggregate, context('supervisor-1'));
    };
    const half = Math.floor(CASES / 2);
    const baselineName = 'load case + append 1 event (CaseAssigned), exact revision';
    const before = await measure(baselineName, half, assignOne, 0);

    // 3. The re-listing moves every case to policy of denial; a second Table 2 entry (a new FR document) moves none,
    //    but revises every case's determination (its citation and policy version: DeterminationsRevised).
    const relisted = await timedRun(
      `re-listing run, every case changes track (${CASES})`,
      relistCambodia(clock.today(), '2099-00001'),
      { processed: CASES, changed: CASES, unchanged: 0 },
    );
    const unchanged = await timedRun(
      `still-listed run, every case revised, no track changes (${CASES})`,
      relistCambodia(clock.nextDay(), '2099-00002'),
      { processed: CASES, changed: 0, revised: CASES, unchanged: 0 },
    );
    const after = await measure(baselineName, CASES - half, (index) => assignOne(half + index), 0);
    const seconds = before.seconds + after.seconds;
    const baseline: Measurement = { name: baselineName, operations: CASES, seconds, perSecond: CASES / seconds, unit: 'cases' };
    report(`Re-evaluation of ${CASES} pending Cambodia cases, SQLite store and read models`, baseline, [relisted, unchanged]);

    // 4. Memory: two removal runs, each moving every case back to case by case, over 4N cases (all of them) and
    //    then over N. In between, 3N cases are withdrawn (a decided case leaves the selection) and the N left are
    //    re-listed, so that the second removal has as much to do per case as the first.
    const large = await memoryRun(removeCambodia(clock.nextDay(), '2099-00003'), {
      processed: CASES,
      changed: CASES,
      unchanged: 0,
    });
    await withdraw(cambodia.slice(MEMORY_CASES));
    const relist = await recordChange(relistCambodia(clock.nextDay(), '2099-00004'));
    await processManager.runDue();
    await verify('re-listing the cases left', relist.reevaluationId, relist.position, {
      processed: MEMORY_CASES,
      changed: MEMORY_CASES,
      unchanged: 0,
    });
    const small = await memoryRun(removeCambodia(clock.nextDay(), '2099-00005'), {
      processed: MEMORY_CASES,
      changed: MEMORY_CASES,
      unchanged: 0,
    });
    process.stdout.write(
      `\nLive heap during a removal run (heapUsed${gc ? ' after a full GC' : ', no --expose-gc: garbage included'}, ` +
        `after each save to the run's stream: its start, each batch of ${REEVALUATION_BATCH} and its completion)\n`,
    );
    for (const run of [small, large]) {
      process.stdout.write(
        `  ${`${run.cases} cases`.padEnd(12)} ${(run.start / MiB).toFixed(1)} MiB at the start, largest growth ` +
          `${mebibytes(run.growth)} (${(run.growth / run.cases).toFixed(0)} bytes a case), ${mebibytes(run.retained)} once completed\n`,
      );
    }
    process.stdout.write(
      `  growth per case added (${large.cases} against ${small.cases}): ` +
        `${((large.growth - small.growth) / (large.cases - small.cases)).toFixed(0)} bytes\n`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
