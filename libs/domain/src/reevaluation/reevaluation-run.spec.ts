import type { ReevaluationOutcome } from '../licence-application/licence-application.reevaluate.decide';
import {
  aReevaluationTrigger,
  aRunBatch,
  aRunCompletion,
  aRunStart,
  caseId,
  givenRun,
  REEVALUATION_ID,
  REEVALUATOR,
  RUN_AT,
  RunHistory,
} from '../testing/domain-builders';
import {
  REEVALUATION_COMPLETED,
  REEVALUATION_PROGRESSED,
  REEVALUATION_STARTED,
  type ReevaluatedCase,
  type ReevaluationCounts,
} from './reevaluation-run.events';
import { ReevaluationRun } from './reevaluation-run.aggregate';
import { NO_COUNTS } from './reevaluation-run.state';

const KH_REMOVAL = aReevaluationTrigger();

const reached = (n: number, outcome: ReevaluationOutcome): ReevaluatedCase => ({ applicationId: caseId(n), outcome });

const counts = (overrides: Partial<ReevaluationCounts>): ReevaluationCounts => ({ ...NO_COUNTS, ...overrides });

const started = () => RunHistory.notStarted().started();

/** The run's pass in two batches, with every outcome at least once: the run keeps the account, the cases decide. */
const FIRST_BATCH = [reached(1, 'changed'), reached(2, 'unchanged')];
const SECOND_BATCH = [reached(3, 'unchanged'), reached(5, 'not-affected'), reached(8, 'flagged')];
const afterPass = () => started().batch(FIRST_BATCH).batch(SECOND_BATCH, { at: RUN_AT.batch2 });

describe('ReevaluationRun.start', () => {
  it('starts a run for the change, with the cases it selected and the date of the register it applies', () => {
    const run = givenRun()
      .when((r) => r.start(aRunStart()))
      .then([
        {
          type: REEVALUATION_STARTED,
          data: {
            reevaluationId: REEVALUATION_ID,
            trigger: KH_REMOVAL,
            total: 3,
            policyDate: '2025-11-07',
            startedAt: RUN_AT.started,
            startedBy: REEVALUATOR,
          },
        },
      ]);
    expect(run.state).toEqual({
      status: 'running',
      trigger: KH_REMOVAL,
      total: 3,
      cursor: null,
      counts: NO_COUNTS,
      caughtLate: [],
    });
  });

  it('starts a run with no case to re-evaluate (a change to a country no pending case involves)', () => {
    givenRun()
      .when((r) => r.start(aRunStart({ total: 0 })))
      .then([expect.objectContaining({ type: REEVALUATION_STARTED, data: expect.objectContaining({ total: 0 }) })]);
  });

  // Two instances may race to start the run of one change: the second start must neither fail nor restart it.
  it.each<[string, () => RunHistory]>([
    ['running', started],
    ['part-way through its pass', () => started().batch(FIRST_BATCH)],
    ['completed', () => afterPass().completed()],
  ])('records nothing when the run is already %s, whatever the new command says', (_label, history) => {
    const before = history().state;
    const run = givenRun(history())
      .when((r) => r.start(aRunStart({ total: 99, at: '2025-11-07T07:00:00.000Z' })))
      .then([]);
    expect(run.state).toEqual(before);
  });

  it.each([
    ['a negative total', -1],
    ['a fractional total', 1.5],
    ['a total that is no number', Number.NaN],
  ])('refuses %s (INVALID_REEVALUATION)', (_label, total) => {
    const error = givenRun()
      .when((r) => r.start(aRunStart({ total })))
      .thenThrows('INVALID_REEVALUATION');
    expect(error.kind).toBe('invalid');
  });
});

describe('ReevaluationRun.recordBatch', () => {
  it('records the batch’s outcomes, moves the cursor to its last case and tallies the counts', () => {
    const run = givenRun(started())
      .when((r) => r.recordBatch(aRunBatch(FIRST_BATCH)))
      .then([
        {
          type: REEVALUATION_PROGRESSED,
          data: {
            reevaluationId: REEVALUATION_ID,
            late: false,
            cursor: caseId(2),
            cases: FIRST_BATCH,
            counts: counts({ processed: 2, changed: 1, unchanged: 1 }),
            progressedAt: RUN_AT.batch1,
          },
        },
      ]);
    expect(run.state).toMatchObject({
      status: 'running',
      cursor: caseId(2),
      counts: counts({ processed: 2, changed: 1, unchanged: 1 }),
    });
  });

  it('adds a later batch to the counts so far: processed is the sum of the four outcomes', () => {
    const run = givenRun(started().batch(FIRST_BATCH))
      .when((r) => r.recordBatch(aRunBatch(SECOND_BATCH, { at: RUN_AT.batch2 })))
      .then([
        expect.objectContaining({
          type: REEVALUATION_PROGRESSED,
          data: expect.objectContaining({
            cursor: caseId(8),
            cases: SECOND_BATCH,
            counts: counts({ processed: 5, changed: 1, unchanged: 2, flagged: 1, notAffected: 1 }),
          }),
        }),
      ]);
    expect(run.state.cursor).toBe(caseId(8));
    expect(run.state.counts).toEqual(counts({ processed: 5, changed: 1, unchanged: 2, flagged: 1, notAffected: 1 }));
  });

  it('records nothing for an empty batch', () => {
    const history = started().batch(FIRST_BATCH);
    const run = givenRun(history).when((r) => r.recordBatch(aRunBatch([]))).then([]);
    expect(run.state).toEqual(history.state);
  });

  // A resumed run must never count a case twice: a batch at or before the cursor is a replay.
  it.each<[string, ReevaluatedCase[]]>([
    ['repeats the cursor’s case', [reached(2, 'changed')]],
    ['goes back before the cursor', [reached(1, 'changed')]],
    ['replays the whole last batch', FIRST_BATCH],
    ['starts after the cursor but then goes back', [reached(3, 'unchanged'), reached(2, 'unchanged')]],
    ['names a case twice', [reached(3, 'unchanged'), reached(3, 'unchanged')]],
    ['is out of id order', [reached(5, 'unchanged'), reached(4, 'unchanged')]],
  ])('refuses a batch that %s (INVALID_REEVALUATION)', (_label, cases) => {
    const error = givenRun(started().batch(FIRST_BATCH))
      .when((r) => r.recordBatch(aRunBatch(cases)))
      .thenThrows('INVALID_REEVALUATION', ['cases']);
    expect(error.kind).toBe('invalid');
  });

  it('refuses an outcome outside the four a re-evaluation answers (INVALID_REEVALUATION)', () => {
    const skipped = { applicationId: caseId(2), outcome: 'skipped' as ReevaluationOutcome };
    const error = givenRun(started())
      .when((r) => r.recordBatch(aRunBatch([reached(1, 'changed'), skipped])))
      .thenThrows('INVALID_REEVALUATION', ['cases']);
    expect(error.message).toContain('skipped');
  });

  it.each<[string, () => RunHistory]>([
    ['not-started', () => RunHistory.notStarted()],
    ['completed', () => afterPass().completed()],
  ])('refuses a batch when the run is %s (REEVALUATION_NOT_RUNNING), even an empty one', (status, history) => {
    for (const cases of [[reached(9, 'changed')], []]) {
      const error = givenRun(history())
        .when((r) => r.recordBatch(aRunBatch(cases)))
        .thenThrows('REEVALUATION_NOT_RUNNING');
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain(status);
    }
  });
});

describe('ReevaluationRun.recordLateCatches (submissions made on the outdated policy version)', () => {
  it('counts the late catches apart from the pass: only caughtLate moves, the cursor stays', () => {
    const late = [reached(4, 'changed')];
    const run = givenRun(afterPass())
      .when((r) => r.recordLateCatches(aRunBatch(late, { at: RUN_AT.late })))
      .then([
        {
          type: REEVALUATION_PROGRESSED,
          data: {
            reevaluationId: REEVALUATION_ID,
            late: true,
            cursor: null,
            cases: late,
            counts: counts({ processed: 5, changed: 1, unchanged: 2, flagged: 1, notAffected: 1, caughtLate: 1 }),
            progressedAt: RUN_AT.late,
          },
        },
      ]);
    expect(run.state).toMatchObject({ status: 'running', cursor: caseId(8), caughtLate: [caseId(4)] });
    expect(run.state.counts.processed).toBe(5);
  });

  it('takes late catches in any order, before the cursor too: a stale submission may have any id', () => {
    givenRun(afterPass())
      .when((r) => r.recordLateCatches(aRunBatch([reached(7, 'unchanged'), reached(0, 'changed')], { at: RUN_AT.late })))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({
            cases: [reached(7, 'unchanged'), reached(0, 'changed')],
            counts: expect.objectContaining({ caughtLate: 2 }),
          }),
        }),
      ]);
  });

  it('accounts for each case once: a case named twice in one command is recorded once', () => {
    givenRun(afterPass())
      .when((r) => r.recordLateCatches(aRunBatch([reached(4, 'changed'), reached(4, 'changed')])))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ cases: [reached(4, 'changed')], counts: expect.objectContaining({ caughtLate: 1 }) }),
        }),
      ]);
  });

  it('drops the cases already caught and records only the new ones', () => {
    const run = givenRun(afterPass().late([reached(4, 'changed')]))
      .when((r) => r.recordLateCatches(aRunBatch([reached(4, 'changed'), reached(6, 'unchanged')])))
      .then([
        expect.objectContaining({
          data: expect.objectContaining({ cases: [reached(6, 'unchanged')], counts: expect.objectContaining({ caughtLate: 2 }) }),
        }),
      ]);
    expect(run.state.caughtLate).toEqual([caseId(4), caseId(6)]);
  });

  it('records nothing when every case was already caught (a replayed catch)', () => {
    const history = afterPass().late([reached(4, 'changed')]);
    const run = givenRun(history)
      .when((r) => r.recordLateCatches(aRunBatch([reached(4, 'changed')])))
      .then([]);
    expect(run.state).toEqual(history.state);
  });

  it('catches late after the run completed, without reopening it or changing its total', () => {
    const completed = afterPass().completed();
    const run = givenRun(completed)
      .when((r) => r.recordLateCatches(aRunBatch([reached(4, 'changed')], { at: '2025-11-07T06:15:00.000Z' })))
      .then([expect.objectContaining({ type: REEVALUATION_PROGRESSED, data: expect.objectContaining({ late: true }) })]);
    expect(run.state).toMatchObject({
      status: 'completed',
      total: 5,
      counts: expect.objectContaining({ processed: 5, caughtLate: 1 }),
    });
  });

  it('refuses a late catch before the run started (REEVALUATION_NOT_RUNNING)', () => {
    givenRun()
      .when((r) => r.recordLateCatches(aRunBatch([reached(4, 'changed')])))
      .thenThrows('REEVALUATION_NOT_RUNNING');
  });

  it('refuses an unknown outcome among the late catches (INVALID_REEVALUATION)', () => {
    givenRun(afterPass())
      .when((r) => r.recordLateCatches(aRunBatch([{ applicationId: caseId(4), outcome: 'stale' as ReevaluationOutcome }])))
      .thenThrows('INVALID_REEVALUATION', ['cases']);
  });
});

describe('ReevaluationRun.complete', () => {
  it('completes the run with the counts of its pass; total becomes the number of cases it reached', () => {
    // Started with 3 selected cases, the pass reached 5 (cases submitted meanwhile came after the cursor).
    const run = givenRun(afterPass().late([reached(4, 'changed')]))
      .when((r) => r.complete(aRunCompletion()))
      .then([
        {
          type: REEVALUATION_COMPLETED,
          data: {
            reevaluationId: REEVALUATION_ID,
            total: 5,
            processed: 5,
            changed: 1,
            revised: 0,
            unchanged: 2,
            flagged: 1,
            notAffected: 1,
            caughtLate: 1,
            completedAt: RUN_AT.completed,
            completedBy: REEVALUATOR,
          },
        },
      ]);
    expect(run.state).toMatchObject({ status: 'completed', total: 5, cursor: caseId(8) });
  });

  it('completes a run that reached no case with a total of 0', () => {
    const run = givenRun(started())
      .when((r) => r.complete(aRunCompletion()))
      .then([expect.objectContaining({ type: REEVALUATION_COMPLETED, data: expect.objectContaining({ total: 0, processed: 0 }) })]);
    expect(run.state).toMatchObject({ status: 'completed', total: 0 });
  });

  it.each<[string, () => RunHistory]>([
    ['not-started', () => RunHistory.notStarted()],
    ['completed', () => afterPass().completed()],
  ])('refuses to complete a run that is %s (REEVALUATION_NOT_RUNNING)', (status, history) => {
    const error = givenRun(history())
      .when((r) => r.complete(aRunCompletion()))
      .thenThrows('REEVALUATION_NOT_RUNNING');
    expect(error.message).toContain(status);
  });
});

describe('a command addressed to another run', () => {
  it('is refused before anything is decided', () => {
    const run = new ReevaluationRun(REEVALUATION_ID);
    expect(() => run.start({ ...aRunStart(), reevaluationId: 'another-run' })).toThrow(expect.objectContaining({ code: 'COMMAND_TARGET_MISMATCH' }));
    expect(run.getUncommittedEvents()).toEqual([]);
  });
});
