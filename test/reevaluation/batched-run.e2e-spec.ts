import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LICENCE_APPLICATION_CATEGORY, LicenceApplication, licenceApplicationStream, REEVALUATION_CATEGORY, reevaluationStream } from '@app/domain';
import { AggregateRepository, type EventStore, type RecordedEvent, type StreamAppend } from '@app/infra';
import { PolicyRegisterReadModel } from '../../apps/api/src/country-policy/register/policy-register.read-model';
import { ReevaluationBatchRecorder } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation-batch.recorder';
import { REEVALUATION_BATCH } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation-run.executor';
import { ReevaluationProcessManager } from '../../apps/api/src/reevaluation/run-reevaluations/reevaluation.process-manager';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import { recordStatusChange, relistCambodia, runOf } from '../support/status-changes';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';

const NOW = '2026-11-29T09:00:00.000Z';
const RUN_STREAM = /^Reevaluation-/;

/** Intercepts the run's batch appends (a multi-stream append ending on the run's stream) on the store the app uses. */
type BatchInterceptor = (store: EventStore, appends: readonly StreamAppend[]) => Promise<Awaited<ReturnType<EventStore['appendToStreams']>>>;

function interceptBatches(intercept: BatchInterceptor) {
  return (store: EventStore): EventStore =>
    new Proxy(store, {
      get: (target, property) => {
        if (property === 'appendToStreams') {
          return (appends: readonly StreamAppend[]) =>
            RUN_STREAM.test(appends.at(-1)?.streamName ?? '') ? intercept(target, appends) : target.appendToStreams(appends);
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
}

/** Starts the app on `dataDir` with the run's batch appends going through `intercept`. */
function startInterceptingBatches(dataDir: string, intercept: BatchInterceptor): Promise<TestApp> {
  return startTestApp({ dataDir, now: NOW, shared: { wrapEventStore: interceptBatches(intercept) } });
}

/** Every event of some categories, in log order. */
async function eventsOf(store: EventStore, categories: string[]): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ ...(events.length > 0 ? { after: events.at(-1)!.position } : {}), limit: 1000, categories });
    events.push(...page);
    if (page.length < 1000) return events;
  }
}

/**
 * The first error a tick of the process manager fails with, the test's own tick or the timer's: the timer ticks every
 * 500 ms, so either may be the one that meets a failure.
 */
function firstTickFailure(t: TestApp): Promise<unknown> {
  const processManager = t.app.get(ReevaluationProcessManager);
  const runDue = processManager.runDue.bind(processManager);
  return new Promise((resolve) => {
    jest.spyOn(processManager, 'runDue').mockImplementation(() => {
      const tick = runDue();
      tick.catch(resolve);
      return tick;
    });
  });
}

/** Writes `count` pending Cambodia cases (case by case today) into a fresh data directory seeded by a first start. */
async function aDataDirWithCambodiaCases(count: number): Promise<{ dataDir: string; ids: string[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-batched-run-'));
  await (await startTestApp({ dataDir, now: NOW })).close();
  const ids = await submitCasesDirectly(
    dataDir,
    Array.from({ length: count }, (_, index) => ({ parties: [{ role: 'end-user' as const, name: `Cambodian unit ${index}`, country: 'KH' }] })),
    { now: () => new Date(NOW) },
  );
  return { dataDir, ids };
}

describe('a re-evaluation run records each batch in one append', () => {
  let t: TestApp | undefined;
  let dataDir = '';

  afterEach(async () => {
    jest.restoreAllMocks();
    await t?.close();
    t = undefined;
    if (dataDir) removeDir(dataDir);
  });

  it("stores a batch's case events and its progress together: a conflict on one case leaves neither, and the batch is redone", async () => {
    ({ dataDir } = await aDataDirWithCambodiaCases(20));
    let firstAttempt: { error: unknown; trackChanges: number; progressed: number; assigned: string } | null = null;
    t = await startInterceptingBatches(dataDir, async (store, appends) => {
      if (firstAttempt !== null) return store.appendToStreams(appends);
      // An officer takes the batch's first case between the run's read of it and the batch's append.
      const applicationId = appends[0]!.streamName.slice(licenceApplicationStream('').length);
      const repository = new AggregateRepository(store, () => randomUUID());
      const { aggregate } = await repository.load(appends[0]!.streamName, () => new LicenceApplication(applicationId));
      aggregate.assign({ applicationId, officerId: 'officer-9', at: NOW, by: 'supervisor-1' });
      await repository.save(appends[0]!.streamName, aggregate, { actor: 'supervisor-1', correlationId: randomUUID(), causationId: null });
      const error = await store.appendToStreams(appends).then(() => null, (failure: unknown) => failure);
      const caseEvents = await eventsOf(store, [LICENCE_APPLICATION_CATEGORY]);
      firstAttempt = {
        error,
        trackChanges: caseEvents.filter((event) => event.type === 'ReviewTrackChanged').length,
        progressed: (await eventsOf(store, [REEVALUATION_CATEGORY])).filter((event) => event.type === 'ReevaluationProgressed').length,
        assigned: applicationId,
      };
      throw error;
    });

    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    await t.reevaluate();

    // The first attempt lost to the officer on one case, and stored nothing of the batch: no case, no progress.
    expect(firstAttempt).toMatchObject({ error: expect.objectContaining({ name: 'WrongExpectedVersionError' }), trackChanges: 0, progressed: 0 });
    // Redone on the fresh cases: every case moved once, the officer's assignment kept.
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', total: 20, processed: 20, changed: 20 });
    const officer = `Bearer ${t.token(['auditor'], 'auditor-1')}`;
    const assigned = (await t.http.get(`/applications/${firstAttempt!.assigned}`).set('Authorization', officer).expect(200)).body;
    expect(assigned).toMatchObject({ status: 'under-review', assignee: 'officer-9', reviewTrack: 'policy-of-denial' });
  });

  it('re-evaluates each case exactly once over many batches, each batch with its progress in one transaction', async () => {
    const cases = 2 * REEVALUATION_BATCH + 37;
    let ids: string[];
    ({ dataDir, ids } = await aDataDirWithCambodiaCases(cases));
    const batchSizes: number[] = [];
    let raw: EventStore | null = null;
    t = await startInterceptingBatches(dataDir, (store, appends) => {
      raw = store;
      batchSizes.push(appends.length);
      return store.appendToStreams(appends);
    });
    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    await t.reevaluate();
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', total: cases, processed: cases, changed: cases });

    // One append per batch: its cases, then the run's progress.
    expect(batchSizes).toEqual([REEVALUATION_BATCH + 1, REEVALUATION_BATCH + 1, 37 + 1]);
    const log = await eventsOf(raw!, [LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY]);
    const moves = log.filter((event) => event.type === 'ReviewTrackChanged' && event.data.reevaluationId === reevaluationId);
    const batches = log.filter((event) => event.type === 'ReevaluationProgressed' && event.streamName.endsWith(reevaluationId));

    // Exactly once: one track change per case, and every case in exactly one batch.
    const movesPerCase = new Map<string, number>();
    for (const move of moves) movesPerCase.set(move.data.applicationId as string, (movesPerCase.get(move.data.applicationId as string) ?? 0) + 1);
    expect([...movesPerCase.keys()].sort()).toEqual([...ids].sort());
    expect([...movesPerCase.values()].every((count) => count === 1)).toBe(true);
    const accounted = batches.flatMap((batch) => (batch.data.cases as { applicationId: string }[]).map((entry) => entry.applicationId));
    expect(accounted).toHaveLength(cases);
    expect(new Set(accounted)).toEqual(new Set(ids));

    // Each batch's case events sit right before its progress event, with its recordedAt: one transaction.
    const positionOf = (event: RecordedEvent) => BigInt(event.position);
    for (const batch of batches) {
      const batchCases = new Set((batch.data.cases as { applicationId: string }[]).map((entry) => entry.applicationId));
      const its = moves.filter((move) => batchCases.has(move.data.applicationId as string));
      expect(its).toHaveLength(batchCases.size);
      expect(its.every((move) => move.recordedAt === batch.recordedAt)).toBe(true);
      const first = its.map(positionOf).reduce((a, b) => (a < b ? a : b));
      expect(positionOf(batch) - first).toBe(BigInt(its.length));
    }
  });

  it('stays exactly once on a store that appends stream by stream (EventStoreDB): a crash before the progress is redone', async () => {
    const cases = 30;
    let ids: string[];
    ({ dataDir, ids } = await aDataDirWithCambodiaCases(cases));
    let crashed = false;
    // The redo waits until the test has looked at the log the crash left: a timer tick must not redo it sooner.
    let allowRedo!: () => void;
    const redoAllowed = new Promise<void>((resolve) => (allowRedo = resolve));
    let raw: EventStore | null = null;
    t = await startInterceptingBatches(dataDir, async (store, appends) => {
      raw = store;
      if (crashed) {
        await redoAllowed;
        return store.appendToStreams(appends);
      }
      // The first batch is appended as a store without multi-stream transactions does, in order, and the
      // process dies before the run's progress (last) is stored.
      for (const append of appends.slice(0, -1)) {
        await store.appendToStream(append.streamName, append.events, { expectedRevision: append.expectedRevision });
      }
      crashed = true;
      throw new Error('connection lost before the run recorded its batch');
    });
    const failure = firstTickFailure(t);
    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    void t.reevaluate().catch(() => undefined);
    try {
      expect(await failure).toMatchObject({ message: 'connection lost before the run recorded its batch' });
      const moved = (await eventsOf(raw!, [LICENCE_APPLICATION_CATEGORY])).filter((event) => event.type === 'ReviewTrackChanged');
      expect(moved).toHaveLength(cases);
      expect((await runOf(t, reevaluationId)).processed).toBe(0);
    } finally {
      allowRedo();
    }

    // The next tick redoes the batch: each case answers the outcome it recorded and appends nothing again.
    await t.reevaluate();
    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: cases, changed: cases });
    const log = await eventsOf(raw!, [LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY]);
    expect(log.filter((event) => event.type === 'ReviewTrackChanged')).toHaveLength(cases);
    const [batch] = log.filter((event) => event.type === 'ReevaluationProgressed' && event.streamName.endsWith(reevaluationId));
    expect(new Set((batch!.data.cases as { applicationId: string; outcome: string }[]).map((entry) => `${entry.applicationId}:${entry.outcome}`))).toEqual(
      new Set(ids.map((id) => `${id}:changed`)),
    );
  });

  it("carries on from another server's cursor when that server recorded part of the batch first", async () => {
    const cases = 40;
    let ids: string[];
    ({ dataDir, ids } = await aDataDirWithCambodiaCases(cases));
    let otherServer: Promise<unknown> | null = null;
    let raw: EventStore | null = null;
    t = await startInterceptingBatches(dataDir, async (store, appends) => {
      raw = store;
      if (otherServer === null) {
        // Another server, its read model behind, records the first half of the same cases as its batch.
        const recorder = t!.app.get(ReevaluationBatchRecorder);
        const reevaluationId = appends.at(-1)!.streamName.slice(reevaluationStream('').length);
        const half = appends.slice(0, cases / 2).map((append) => append.streamName.slice(licenceApplicationStream('').length));
        otherServer = recorder.record(await recorder.loadRun(reevaluationId), half, await t!.app.get(PolicyRegisterReadModel).snapshot('2026-11-29'), 'pass');
        await otherServer;
      }
      return store.appendToStreams(appends);
    });
    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    await t.reevaluate();

    expect(await runOf(t, reevaluationId)).toMatchObject({ status: 'completed', processed: cases, changed: cases });
    const log = await eventsOf(raw!, [LICENCE_APPLICATION_CATEGORY, REEVALUATION_CATEGORY]);
    const batches = log.filter((event) => event.type === 'ReevaluationProgressed' && event.streamName.endsWith(reevaluationId));
    // The other server's half, then this server's rest: its first attempt was rolled back whole.
    expect(batches.map((batch) => (batch.data.cases as unknown[]).length)).toEqual([cases / 2, cases / 2]);
    const moves = log.filter((event) => event.type === 'ReviewTrackChanged');
    expect(moves.map((move) => move.data.applicationId as string).sort()).toEqual([...ids].sort());
  });
});
