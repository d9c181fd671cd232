import { Injectable } from '@nestjs/common';
import { PENDING_STATUSES, type ReevaluationTrigger } from '@app/domain';
import { ReadModels } from '../../shared/read-models/read-models.service';
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

  /** Runs scheduled or running whose date has come, in the order they came due (then recorded). */
  dueRuns(today: string, limit: number): DueRun[] {
    return this.readModels.read((db) =>
      db
        .prepare<[string, number], DueRunRow>(
          `SELECT reevaluation_id, policy_event_id, kind, country_code, policy_version, from_status, to_status, citation,
             exceptions_removed, correction, due_on
           FROM reevaluation_runs WHERE status IN ('scheduled', 'running') AND due_on <= ?
           ORDER BY due_on, seq LIMIT ?`,
        )
        .all(today, limit)
        .map((row) => ({ reevaluationId: row.reevaluation_id, trigger: triggerOfRow(row) })),
    );
  }

  /** Runs not completed yet: running, scheduled and due (`dueOn` ≤ today), scheduled for a later day. */
  backlog(today: string): { running: number; due: number; scheduled: number } {
    return this.readModels.read(
      (db) =>
        db
          .prepare<[string, string], { running: number; due: number; scheduled: number }>(
            `SELECT COALESCE(SUM(status = 'running'), 0) AS running,
                    COALESCE(SUM(status = 'scheduled' AND due_on <= ?), 0) AS due,
                    COALESCE(SUM(status = 'scheduled' AND due_on > ?), 0) AS scheduled
             FROM reevaluation_runs WHERE status IN ('scheduled', 'running')`,
          )
          .get(today, today)!,
    );
  }

  /** How many cases a run selects now: pending cases with a party in the country (and, on a tightening, live licences). */
  countCandidates(countryCode: string, tightening: boolean): number {
    const { from, params } = this.selection(countryCode, tightening, null);
    return this.readModels.read((db) => db.prepare<unknown[], { count: number }>(`SELECT COUNT(*) AS count ${from}`).get(...params)!.count);
  }

  /** The next batch of a run's cases after `cursor`, in application-id order (the run's durable cursor). */
  candidates(countryCode: string, tightening: boolean, cursor: string | null, limit: number): string[] {
    const { from, params } = this.selection(countryCode, tightening, cursor);
    return this.readModels.read((db) =>
      db
        .prepare<unknown[], { application_id: string }>(`SELECT c.application_id ${from} ORDER BY c.application_id LIMIT ?`)
        .all(...params, limit)
        .map((row) => row.application_id),
    );
  }

  /** Stale submissions whose run has completed without them, oldest runs first. */
  staleSubmissions(limit: number): StaleSubmission[] {
    return this.readModels.read((db) =>
      db
        .prepare<[number], { application_id: string; reevaluation_id: string }>(
          `SELECT s.application_id, s.reevaluation_id FROM stale_submissions s
           JOIN reevaluation_runs r ON r.reevaluation_id = s.reevaluation_id
           WHERE s.handled = 0 AND r.status = 'completed'
           ORDER BY r.seq, s.application_id LIMIT ?`,
        )
        .all(limit)
        .map((row) => ({ applicationId: row.application_id, reevaluationId: row.reevaluation_id })),
    );
  }

  /** The cases a run selects, after `cursor` in id order (every case when null), as a FROM clause and its parameters. */
  private selection(countryCode: string, tightening: boolean, cursor: string | null): { from: string; params: unknown[] } {
    const statuses = tightening ? [...PENDING_STATUSES, ...LIVE_LICENCE_STATUSES] : [...PENDING_STATUSES];
    return {
      from: `FROM case_countries c JOIN case_list l ON l.application_id = c.application_id
             WHERE c.country = ? AND c.application_id > ? AND l.status IN (${statuses.map(() => '?').join(', ')})`,
      params: [countryCode, cursor ?? '', ...statuses],
    };
  }
}
