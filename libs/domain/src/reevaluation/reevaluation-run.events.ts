import type { DomainEvent } from '../kernel/domain-event';
import type { ReevaluationOutcome } from '../licence-application/licence-application.reevaluate.decide';
import type { ReevaluationTrigger } from './reevaluation-trigger';

export const REEVALUATION_STARTED = 'ReevaluationStarted';
export const REEVALUATION_PROGRESSED = 'ReevaluationProgressed';
export const REEVALUATION_COMPLETED = 'ReevaluationCompleted';

/** The run's counters. `processed` = `changed` + `revised` + `unchanged` + `flagged` + `notAffected`. */
export interface ReevaluationCounts {
  readonly processed: number;
  readonly changed: number;
  /**
   * Pending cases left on their track whose determinations or flags changed (`DeterminationsRevised`). Runs recorded
   * before this counter existed have none; their events read as 0.
   */
  readonly revised: number;
  readonly unchanged: number;
  readonly flagged: number;
  /** Cases selected at the start that were decided (or whose licence ended) before the run reached them. */
  readonly notAffected: number;
  /**
   * Cases submitted concurrently with the change on the outdated policy version, re-evaluated after the run's own
   * pass had gone by (docs/product.md §2: no case may end on a stale track). Counted apart from `processed`.
   */
  readonly caughtLate: number;
}

/** One case's outcome in a run: the run's account of it, whether or not the case records anything. */
export interface ReevaluatedCase {
  readonly applicationId: string;
  readonly outcome: ReevaluationOutcome;
}

/** A run began: `total` cases were selected (pending cases with a party in the country, and, on a tightening, live licences). */
export interface ReevaluationStartedData {
  readonly reevaluationId: string;
  readonly trigger: ReevaluationTrigger;
  readonly total: number;
  /** The date whose register the run applies. */
  readonly policyDate: string;
  readonly startedAt: string;
  readonly startedBy: string;
}
export type ReevaluationStarted = DomainEvent<typeof REEVALUATION_STARTED, ReevaluationStartedData>;

/**
 * One batch of the run, recorded after its cases: the durable progress a resumed run continues from. `cursor` is
 * the last case id of the batch (cases are taken in id order); `late` batches are stale submissions caught after
 * the pass (their `cursor` is null).
 */
export interface ReevaluationProgressedData {
  readonly reevaluationId: string;
  readonly late: boolean;
  readonly cursor: string | null;
  readonly cases: readonly ReevaluatedCase[];
  /** The counters after this batch. */
  readonly counts: ReevaluationCounts;
  readonly progressedAt: string;
}
export type ReevaluationProgressed = DomainEvent<typeof REEVALUATION_PROGRESSED, ReevaluationProgressedData>;

/** The run reached every selected case. `total` is then the number of cases it reached. */
export interface ReevaluationCompletedData extends ReevaluationCounts {
  readonly reevaluationId: string;
  readonly total: number;
  readonly completedAt: string;
  readonly completedBy: string;
}
export type ReevaluationCompleted = DomainEvent<typeof REEVALUATION_COMPLETED, ReevaluationCompletedData>;

export type ReevaluationRunEvent = ReevaluationStarted | ReevaluationProgressed | ReevaluationCompleted;
