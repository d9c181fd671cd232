import type { ReevaluationCounts, ReevaluationRunEvent } from './reevaluation-run.events';
import type { ReevaluationTrigger } from './reevaluation-trigger';

export const NO_COUNTS: ReevaluationCounts = {
  processed: 0,
  changed: 0,
  revised: 0,
  unchanged: 0,
  flagged: 0,
  notAffected: 0,
  caughtLate: 0,
};

export interface ReevaluationRunState {
  readonly status: 'not-started' | 'running' | 'completed';
  readonly trigger: ReevaluationTrigger | null;
  readonly total: number;
  /** The last case id the run's pass has accounted for; null before the first batch. */
  readonly cursor: string | null;
  readonly counts: ReevaluationCounts;
  /** Stale submissions already accounted for as late catches (a handful per run at most). */
  readonly caughtLate: readonly string[];
}

export const initialReevaluationRunState: ReevaluationRunState = {
  status: 'not-started',
  trigger: null,
  total: 0,
  cursor: null,
  counts: NO_COUNTS,
  caughtLate: [],
};

export function evolveReevaluationRun(state: ReevaluationRunState, event: ReevaluationRunEvent): ReevaluationRunState {
  switch (event.type) {
    case 'ReevaluationStarted':
      return { ...state, status: 'running', trigger: event.data.trigger, total: event.data.total };
    case 'ReevaluationProgressed':
      return {
        ...state,
        cursor: event.data.late ? state.cursor : event.data.cursor,
        // Counts recorded before `revised` existed lack it: they read as 0.
        counts: { ...NO_COUNTS, ...event.data.counts },
        caughtLate: event.data.late
          ? [...state.caughtLate, ...event.data.cases.map((entry) => entry.applicationId)]
          : state.caughtLate,
      };
    case 'ReevaluationCompleted':
      return { ...state, status: 'completed', total: event.data.total };
  }
}
