import { IllegalTransitionError, InvalidCommandError } from '../kernel/domain-error';
import { REEVALUATION_OUTCOMES } from '../licence-application/licence-application.reevaluate.decide';
import {
  REEVALUATION_COMPLETED,
  REEVALUATION_PROGRESSED,
  REEVALUATION_STARTED,
  type ReevaluatedCase,
  type ReevaluationCompleted,
  type ReevaluationCounts,
  type ReevaluationProgressed,
  type ReevaluationStarted,
} from './reevaluation-run.events';
import type { ReevaluationRunState } from './reevaluation-run.state';
import type { ReevaluationTrigger } from './reevaluation-trigger';

export interface StartReevaluation {
  readonly reevaluationId: string;
  readonly trigger: ReevaluationTrigger;
  readonly total: number;
  readonly policyDate: string;
  readonly at: string;
  readonly by: string;
}

export interface RecordReevaluationBatch {
  readonly reevaluationId: string;
  /** The batch's cases, in the run's (id) order; every id is after the run's cursor. */
  readonly cases: readonly ReevaluatedCase[];
  readonly at: string;
}

export interface CompleteReevaluation {
  readonly reevaluationId: string;
  readonly at: string;
  readonly by: string;
}

export const ReevaluationErrors = {
  notRunning: (reevaluationId: string, status: string) =>
    new IllegalTransitionError('REEVALUATION_NOT_RUNNING', `Re-evaluation ${reevaluationId} is ${status}`),
  invalid: (message: string) =>
    new InvalidCommandError('INVALID_REEVALUATION', message, [{ field: 'cases', message }]),
};

/** Starts a run. Starting a run already started records nothing (two instances may race to start it). */
export function decideStartReevaluation(state: ReevaluationRunState, command: StartReevaluation): ReevaluationStarted[] {
  if (state.status !== 'not-started') return [];
  if (!Number.isInteger(command.total) || command.total < 0) throw ReevaluationErrors.invalid('total must be a count');
  return [
    {
      type: REEVALUATION_STARTED,
      data: {
        reevaluationId: command.reevaluationId,
        trigger: command.trigger,
        total: command.total,
        policyDate: command.policyDate,
        startedAt: command.at,
        startedBy: command.by,
      },
    },
  ];
}

/**
 * Records one batch of the run's pass. The cases must come after the cursor, in order: a batch that repeats cases
 * already accounted for is a replay and is refused, so no case is ever counted twice.
 */
export function decideRecordBatch(state: ReevaluationRunState, command: RecordReevaluationBatch): ReevaluationProgressed[] {
  if (state.status !== 'running') throw ReevaluationErrors.notRunning(command.reevaluationId, state.status);
  if (command.cases.length === 0) return [];
  assertOutcomes(command.cases);
  let previous = state.cursor;
  for (const { applicationId } of command.cases) {
    if (previous !== null && applicationId <= previous) {
      throw ReevaluationErrors.invalid(`case ${applicationId} is not after ${previous}: the run takes cases in id order`);
    }
    previous = applicationId;
  }
  return [
    {
      type: REEVALUATION_PROGRESSED,
      data: {
        reevaluationId: command.reevaluationId,
        late: false,
        cursor: previous,
        cases: command.cases.map((entry) => ({ ...entry })),
        counts: tally(state.counts, command.cases),
        progressedAt: command.at,
      },
    },
  ];
}

/**
 * Records stale submissions caught after the run's pass (or after it completed): cases submitted on the outdated
 * policy version while the change was being recorded. Each case is accounted for once.
 */
export function decideRecordLateCatches(state: ReevaluationRunState, command: RecordReevaluationBatch): ReevaluationProgressed[] {
  if (state.status === 'not-started') throw ReevaluationErrors.notRunning(command.reevaluationId, state.status);
  assertOutcomes(command.cases);
  const seen = new Set(state.caughtLate);
  const fresh = command.cases.filter((entry) => {
    if (seen.has(entry.applicationId)) return false;
    seen.add(entry.applicationId);
    return true;
  });
  if (fresh.length === 0) return [];
  return [
    {
      type: REEVALUATION_PROGRESSED,
      data: {
        reevaluationId: command.reevaluationId,
        late: true,
        cursor: null,
        cases: fresh.map((entry) => ({ ...entry })),
        counts: { ...state.counts, caughtLate: state.counts.caughtLate + fresh.length },
        progressedAt: command.at,
      },
    },
  ];
}

/** Completes the run once its pass found no further case. */
export function decideCompleteReevaluation(state: ReevaluationRunState, command: CompleteReevaluation): ReevaluationCompleted[] {
  if (state.status !== 'running') throw ReevaluationErrors.notRunning(command.reevaluationId, state.status);
  return [
    {
      type: REEVALUATION_COMPLETED,
      data: {
        reevaluationId: command.reevaluationId,
        total: state.counts.processed,
        ...state.counts,
        completedAt: command.at,
        completedBy: command.by,
      },
    },
  ];
}

function tally(counts: ReevaluationCounts, cases: readonly ReevaluatedCase[]): ReevaluationCounts {
  const next = { ...counts };
  for (const { outcome } of cases) {
    next.processed += 1;
    if (outcome === 'changed') next.changed += 1;
    else if (outcome === 'revised') next.revised += 1;
    else if (outcome === 'unchanged') next.unchanged += 1;
    else if (outcome === 'flagged') next.flagged += 1;
    else next.notAffected += 1;
  }
  return next;
}

function assertOutcomes(cases: readonly ReevaluatedCase[]): void {
  for (const entry of cases) {
    if (!(REEVALUATION_OUTCOMES as readonly string[]).includes(entry.outcome)) {
      throw ReevaluationErrors.invalid(`unknown outcome ${String(entry.outcome)} for case ${entry.applicationId}`);
    }
  }
}
