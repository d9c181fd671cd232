/** Builders for the re-evaluation specs: triggers, the ReevaluateCase a run issues for one case, and run histories. */
import type { CountryStatusChanged } from '../country-policy/country-policy.events';
import type { ReevaluateCase } from '../licence-application/licence-application.commands';
import { decideReevaluation } from '../licence-application/licence-application.reevaluate.decide';
import { ReevaluationRun } from '../reevaluation/reevaluation-run.aggregate';
import {
  type CompleteReevaluation,
  decideCompleteReevaluation,
  decideRecordBatch,
  decideRecordLateCatches,
  decideStartReevaluation,
  type RecordReevaluationBatch,
  type StartReevaluation,
} from '../reevaluation/reevaluation-run.decide';
import type { ReevaluatedCase, ReevaluationRunEvent } from '../reevaluation/reevaluation-run.events';
import {
  evolveReevaluationRun,
  initialReevaluationRunState,
  type ReevaluationRunState,
} from '../reevaluation/reevaluation-run.state';
import type { ReevaluationKind, ReevaluationTrigger } from '../reevaluation/reevaluation-trigger';
import { givenAggregate } from './aggregate-specification';
import { seededStatusChange, snapshotOn } from './country-policy.builders';
import { APPLICATION_ID, CaseHistory } from './licence-application.builders';

export const REEVALUATION_ID = '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f01';
export const OTHER_REEVALUATION_ID = '5c0e6f3a-7b1d-4e2a-9c4f-8d2b1a6e3f02';
/** The re-evaluation process manager's service account: runs are started by a change, never by a person. */
export const REEVALUATOR = 'reevaluation-process-manager';
/** The id of the CountryStatusChanged recording Cambodia's removal (the run's causation id). */
export const KH_REMOVAL_EVENT_ID = '9a1d2c3b-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
/** When the run re-evaluates the cases: early on the day Cambodia's removal comes into force. */
export const REEVALUATED_AT = '2025-11-07T06:00:00.000Z';

/** The trigger a recorded change becomes when it comes into force. */
export function triggerOf(
  event: CountryStatusChanged,
  policyEventId: string,
  kind: ReevaluationKind = 'status-change',
): ReevaluationTrigger {
  const { countryCode, policyVersion, from, to, citation, effectiveOn } = event.data;
  return { policyEventId, kind, countryCode, policyVersion, from, to, citation, effectiveOn };
}

/** Cambodia's removal from Table 2 (FR Doc 2025-19822, effective 2025-11-07, policy version 3). */
export function aReevaluationTrigger(overrides: Partial<ReevaluationTrigger> = {}): ReevaluationTrigger {
  return { ...triggerOf(seededStatusChange('KH-2025-11-07-removed'), KH_REMOVAL_EVENT_ID), ...overrides };
}

/** The run's command for the default case: re-evaluate it against the register of 2025-11-07 for Cambodia's removal. */
export function aReevaluation(overrides: Partial<ReevaluateCase> = {}): ReevaluateCase {
  return {
    applicationId: APPLICATION_ID,
    reevaluationId: REEVALUATION_ID,
    trigger: aReevaluationTrigger(),
    policy: snapshotOn('2025-11-07'),
    at: REEVALUATED_AT,
    by: REEVALUATOR,
    ...overrides,
  };
}

/** `history` followed by what the re-evaluation recorded on the case (possibly nothing). */
export function reevaluated(history: CaseHistory, overrides: Partial<ReevaluateCase> = {}): CaseHistory {
  return history.then((state, command: ReevaluateCase) => decideReevaluation(state, command).events, aReevaluation(overrides));
}

/** Case ids that sort in the order of `n`, as a run takes cases in id order. */
export const caseId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const RUN_AT = {
  started: '2025-11-07T06:00:00.000Z',
  batch1: '2025-11-07T06:00:05.000Z',
  batch2: '2025-11-07T06:00:10.000Z',
  late: '2025-11-07T06:05:00.000Z',
  completed: '2025-11-07T06:10:00.000Z',
} as const;

export function aRunStart(overrides: Partial<StartReevaluation> = {}): StartReevaluation {
  return {
    reevaluationId: REEVALUATION_ID,
    trigger: aReevaluationTrigger(),
    total: 3,
    policyDate: '2025-11-07',
    at: RUN_AT.started,
    by: REEVALUATOR,
    ...overrides,
  };
}

export function aRunBatch(
  cases: readonly ReevaluatedCase[],
  overrides: Partial<RecordReevaluationBatch> = {},
): RecordReevaluationBatch {
  return { reevaluationId: REEVALUATION_ID, cases, at: RUN_AT.batch1, ...overrides };
}

export function aRunCompletion(overrides: Partial<CompleteReevaluation> = {}): CompleteReevaluation {
  return { reevaluationId: REEVALUATION_ID, at: RUN_AT.completed, by: REEVALUATOR, ...overrides };
}

/** A run's recorded history, built by running the real decisions (as CaseHistory does for a case). */
export class RunHistory {
  private constructor(
    readonly events: readonly ReevaluationRunEvent[],
    readonly state: ReevaluationRunState,
  ) {}

  static notStarted(): RunHistory {
    return new RunHistory([], initialReevaluationRunState);
  }

  then<TCommand>(
    decide: (state: ReevaluationRunState, command: TCommand) => readonly ReevaluationRunEvent[],
    command: TCommand,
  ): RunHistory {
    const events = decide(this.state, command);
    return new RunHistory([...this.events, ...events], events.reduce(evolveReevaluationRun, this.state));
  }

  started = (overrides: Partial<StartReevaluation> = {}) => this.then(decideStartReevaluation, aRunStart(overrides));
  batch = (cases: readonly ReevaluatedCase[], overrides: Partial<RecordReevaluationBatch> = {}) =>
    this.then(decideRecordBatch, aRunBatch(cases, overrides));
  late = (cases: readonly ReevaluatedCase[], overrides: Partial<RecordReevaluationBatch> = {}) =>
    this.then(decideRecordLateCatches, aRunBatch(cases, { at: RUN_AT.late, ...overrides }));
  completed = (overrides: Partial<CompleteReevaluation> = {}) => this.then(decideCompleteReevaluation, aRunCompletion(overrides));
}

/** Given/when/then on a ReevaluationRun that has recorded `history`. */
export const givenRun = (history: RunHistory | readonly ReevaluationRunEvent[] = []) =>
  givenAggregate(() => new ReevaluationRun(REEVALUATION_ID), history instanceof RunHistory ? history.events : history);
