import { Injectable } from '@nestjs/common';
import { PENDING_STATUSES, type ReevaluationTrigger } from '@app/domain';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { countAll, countWhere, oneStatement, SqlParams } from '../../shared/read-models/read-model-sql';
import { triggerOfRow, type TriggerColumns } from '../reevaluation-runs/reevaluation-runs.read-model';

/** A run the process manager has to start or finish, with the trigger it records (`effectiveOn`: the day it is due). */
export interface DueRun {
  readonly reevaluationId: string;
  readonly trigger: ReevaluationTrigger;
}

/** A submission decided on an outdated policy version, whose run has completed without it. */
export interface StaleSubmission {
  readonly applicationId: string;
  readonly reevaluationId: string;
}

type DueRunRow = TriggerColumns & { reevaluation_id: string };

/** Live licences a tightening or a narrowing flags (see decideReevaluation). */
const LIVE_LICENCE_STATUSES = ['approved', 'suspended'];

/** How many runs are not completed yet, by state. */
export interface ReevaluationBacklog {
  running: number;
  due: number;
  scheduled: number;
}

/** Runs scheduled or running whose date has come, in the order they came due (then recorded). */
export function dueRunsQuery(today: string, limit: number): ReadModelQuery<DueRun[]> {
  return oneStatement<DueRunRow, DueRun[]>(
    (dialect) => {
      const p = new SqlParams(dialect);
      return {
        sql: `SELECT reevaluation_id, policy_event_id, kind, country_code, policy_version, from_status, to_status, citation,
                exceptions_removed, correction, due_on
              FROM reevaluation_runs WHERE status IN ('scheduled', 'running') AND due_on <= ${p.add(today)}
              ORDER BY due_on, seq LIMIT ${p.add(limit)}`,
        params: p.values,
      };
    },
    (rows) => rows.map((row) => ({ reevaluationId: row.reevaluation_id, trigger: triggerOfRow(row) })),
  );
}

/** Runs not completed yet: running, scheduled and due (`dueOn` ≤ today), scheduled for a later day. */
export function backlogQuery(today: string): ReadModelQuery<ReevaluationBacklog> {
  return oneStatement<ReevaluationBacklog, ReevaluationBacklog>(
    (dialect) => {
      const p = new SqlParams(dialect);
      return {
        sql: `SELECT ${countWhere(dialect, "status = 'running'")} AS running,
                     ${countWhere(dialect, `status = 'scheduled' AND due_on <= ${p.add(today)}`)} AS due,
                     ${countWhere(dialect, `status = 'scheduled' AND due_on > ${p.add(today)}`)} AS scheduled
              FROM reevaluation_runs WHERE status IN ('scheduled', 'running')`,
        params: p.values,
      };
    },
    ([row]) => row!,
  );
}

/**
 * The cases a run selects, after `cursor` in id order (every case when null): pending cases with a party in the
 * country (and, on a tightening, live licences), as a FROM clause over the `cases` projection.
 */
function selection(p: SqlParams, countryCode: string, tightening: boolean, cursor: string | null): string {
  const statuses = tightening ? [...PENDING_STATUSES, ...LIVE_LICENCE_STATUSES] : [...PENDING_STATUSES];
  return `FROM case_countries c JOIN case_list l ON l.application_id = c.application_id
          WHERE c.country = ${p.add(countryCode)} AND c.application_id > ${p.add(cursor ?? '')} AND l.status IN (${p.list(statuses)})`;
}

/** How many cases a run selects now. */
export function countCandidatesQuery(countryCode: string, tightening: boolean): ReadModelQuery<number> {
  return oneStatement<{ count: number }, number>(
    (dialect) => {
      const p = new SqlParams(dialect);
      return { sql: `SELECT ${countAll(dialect)} AS count ${selection(p, countryCode, tightening, null)}`, params: p.values };
    },
    ([row]) => row!.count,
  );
}

/** The next batch of a run's cases after `cursor`, in application-id order (the run's durable cursor). */
export function candidatesQuery(countryCode: string, tightening: boolean, cursor: string | null, limit: number): ReadModelQuery<string[]> {
  return oneStatement<{ application_id: string }, string[]>(
    (dialect) => {
      const p = new SqlParams(dialect);
      const from = selection(p, countryCode, tightening, cursor);
      return { sql: `SELECT c.application_id ${from} ORDER BY c.application_id LIMIT ${p.add(limit)}`, params: p.values };
    },
    (rows) => rows.map((row) => row.application_id),
  );
}

/** Stale submissions whose run has completed without them, oldest runs first. */
export function staleSubmissionsQuery(limit: number): ReadModelQuery<StaleSubmission[]> {
  return oneStatement<{ application_id: string; reevaluation_id: string }, StaleSubmission[]>(
    (dialect) => {
      const p = new SqlParams(dialect);
      return {
        sql: `SELECT s.application_id, s.reevaluation_id FROM stale_submissions s
              JOIN reevaluation_runs r ON r.reevaluation_id = s.reevaluation_id
              WHERE s.handled = 0 AND r.status = 'completed'
              ORDER BY r.seq, s.application_id LIMIT ${p.add(limit)}`,
        params: p.values,
      };
    },
    (rows) => rows.map((row) => ({ applicationId: row.application_id, reevaluationId: row.reevaluation_id })),
  );
}

/**
 * The process manager's queries over the read models: the runs that are due (the `reevaluations` projection), the
 * cases a run selects (the `cases` projection), and the stale submissions still to catch. Each query is small and
 * bounded, so a run of any size walks the cases in batches with flat memory.
 */
@Injectable()
export class ReevaluationWorkReadModel {
  constructor(private readonly readModels: ReadModels) {}

  /** Catches the read models up with every event committed before the call. */
  catchUp(): Promise<void> {
    return this.readModels.catchUp();
  }

  dueRuns(today: string, limit: number): Promise<DueRun[]> {
    return this.readModels.query(dueRunsQuery(today, limit));
  }

  backlog(today: string): Promise<ReevaluationBacklog> {
    return this.readModels.query(backlogQuery(today));
  }

  countCandidates(countryCode: string, tightening: boolean): Promise<number> {
    return this.readModels.query(countCandidatesQuery(countryCode, tightening));
  }

  candidates(countryCode: string, tightening: boolean, cursor: string | null, limit: number): Promise<string[]> {
    return this.readModels.query(candidatesQuery(countryCode, tightening, cursor, limit));
  }

  staleSubmissions(limit: number): Promise<StaleSubmission[]> {
    return this.readModels.query(staleSubmissionsQuery(limit));
  }
}
