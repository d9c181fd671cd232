import type Database from 'better-sqlite3';
import { statementsPerConnection, type Projection, type ProjectionFold, type RecordedEvent } from '@app/infra';
import { REEVALUATIONS_CATEGORIES, REEVALUATIONS_PROJECTION, ReevaluationsBatch, type InForce, type ReevaluationsStatements } from './reevaluations.fold';
import { REEVALUATIONS_MIGRATIONS, REEVALUATIONS_TABLES } from './reevaluations.schema';
import { runSteps } from './statement-steps';

export { REEVALUATIONS_PROJECTION } from './reevaluations.fold';

function prepare(db: Database.Database) {
  return {
    nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM reevaluation_runs'),
    insertRun: db.prepare(
      `INSERT INTO reevaluation_runs (reevaluation_id, policy_event_id, kind, country_code, policy_version, from_status,
         to_status, citation, exceptions_removed, correction, due_on, status, recorded_at, updated_at, change_position, seq)
       VALUES (@reevaluation_id, @policy_event_id, @kind, @country_code, @policy_version, @from_status, @to_status,
         @citation, @exceptions_removed, @correction, @due_on, 'scheduled', @recorded_at, @recorded_at, @change_position, @seq)
       ON CONFLICT (reevaluation_id) DO NOTHING`,
    ),
    // A change coming into force on or before a suspension's lapse supersedes the lapse: it never happens.
    cancelLapses: db.prepare<[string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'cancelled', updated_at = ?
       WHERE country_code = ? AND kind = 'suspension-lapse' AND status = 'scheduled' AND due_on >= ?`,
    ),
    // A correction's suspension whose lapse day a recorded version already reaches (a later renewal) never lapses.
    laterVersion: db.prepare<[string, string, string], { found: number }>(
      `SELECT 1 AS found FROM country_policy_versions
       WHERE country_code = ? AND effective_on > ? AND effective_on <= ? LIMIT 1`,
    ),
    cancelRun: db.prepare<[string, string]>(
      `UPDATE reevaluation_runs SET status = 'cancelled', updated_at = ? WHERE reevaluation_id = ? AND status = 'scheduled'`,
    ),
    deleteVersion: db.prepare<[string, number]>(
      'DELETE FROM country_policy_versions WHERE country_code = ? AND policy_version = ?',
    ),
    insertVersion: db.prepare<[string, number, string, string]>(
      `INSERT INTO country_policy_versions (country_code, policy_version, effective_on, reevaluation_id)
       VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    versionInForce: db.prepare<[string, string], InForce>(
      `SELECT policy_version, reevaluation_id FROM country_policy_versions
       WHERE country_code = ? AND effective_on <= ? ORDER BY effective_on DESC, policy_version DESC LIMIT 1`,
    ),
    insertStale: db.prepare(
      `INSERT INTO stale_submissions (application_id, country_code, determined_version, missed_version, reevaluation_id)
       VALUES (@application_id, @country_code, @determined_version, @missed_version, @reevaluation_id) ON CONFLICT DO NOTHING`,
    ),
    started: db.prepare<[number, string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'running', total = ?, started_at = ?, updated_at = ?
       WHERE reevaluation_id = ? AND status IN ('scheduled', 'cancelled')`,
    ),
    counts: db.prepare(
      `UPDATE reevaluation_runs SET processed = @processed, changed = @changed, revised = @revised, unchanged = @unchanged,
         flagged = @flagged,
         not_affected = @notAffected, caught_late = @caughtLate, updated_at = @at
       WHERE reevaluation_id = @reevaluationId`,
    ),
    completed: db.prepare<[number, string, string, string]>(
      `UPDATE reevaluation_runs SET status = 'completed', total = ?, completed_at = ?, updated_at = ? WHERE reevaluation_id = ?`,
    ),
    insertCase: db.prepare<[string, string, string, number]>(
      `INSERT INTO reevaluation_cases (reevaluation_id, application_id, outcome, late) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    handleStale: db.prepare<[string, string]>(
      'UPDATE stale_submissions SET handled = 1 WHERE application_id = ? AND reevaluation_id = ?',
    ),
    openStale: db.prepare<[string], number>('SELECT 1 FROM stale_submissions WHERE handled = 0 AND reevaluation_id = ? LIMIT 1').pluck(),
  };
}

/** The fold's statements answered by one connection's prepared statements, synchronously. */
function sqliteStatements(db: Database.Database): ReevaluationsStatements {
  const s = prepare(db);
  return {
    nextSeq: () => s.nextSeq.get()!.seq,
    insertRun: (run) => void s.insertRun.run(run),
    cancelLapses: (at, countryCode, dueOnOrAfter) => void s.cancelLapses.run(at, countryCode, dueOnOrAfter),
    hasVersionBetween: (countryCode, after, until) => s.laterVersion.get(countryCode, after, until) !== undefined,
    cancelRun: (at, reevaluationId) => void s.cancelRun.run(at, reevaluationId),
    deleteVersion: (countryCode, policyVersion) => void s.deleteVersion.run(countryCode, policyVersion),
    insertVersion: (countryCode, policyVersion, effectiveOn, reevaluationId) =>
      void s.insertVersion.run(countryCode, policyVersion, effectiveOn, reevaluationId),
    versionInForce: (countryCode, on) => s.versionInForce.get(countryCode, on) ?? null,
    insertStale: (row) => void s.insertStale.run(row),
    started: (reevaluationId, total, startedAt, at) => void s.started.run(total, startedAt, at, reevaluationId),
    setCounts: (reevaluationId, counts, at) => void s.counts.run({ ...counts, reevaluationId, at }),
    completed: (reevaluationId, total, completedAt, at) => void s.completed.run(total, completedAt, at, reevaluationId),
    insertCases: (reevaluationId, cases, late) => {
      for (const entry of cases) s.insertCase.run(reevaluationId, entry.applicationId, entry.outcome, late ? 1 : 0);
    },
    handleStale: (reevaluationId, applicationIds) => {
      for (const applicationId of applicationIds) s.handleStale.run(applicationId, reevaluationId);
    },
    hasOpenStale: (reevaluationId) => s.openStale.get(reevaluationId) !== undefined,
  };
}

const statements = statementsPerConnection(sqliteStatements);

/**
 * The `reevaluations` projection: the re-evaluation runs (scheduled when their change is recorded, then followed
 * through their own events), the cases each run accounted for, and the submissions made on an outdated policy
 * version. It is the process manager's durable work list: what is due, and what is still to catch.
 */
export const reevaluationsProjection: Projection = {
  name: REEVALUATIONS_PROJECTION,
  categories: REEVALUATIONS_CATEGORIES,
  migrations: REEVALUATIONS_MIGRATIONS,
  tables: REEVALUATIONS_TABLES,

  apply(db: Database.Database, event: RecordedEvent): void {
    const fold = new ReevaluationsFold(statements(db));
    fold.add([event]);
    fold.write();
  },

  fold(db: Database.Database): ProjectionFold {
    return new ReevaluationsFold(statements(db));
  },

  reset(db: Database.Database): void {
    for (const table of REEVALUATIONS_TABLES) db.prepare(`DELETE FROM ${table}`).run();
  },
};

/** A batch written with SQLite's prepared statements, inside the projector's transaction. */
class ReevaluationsFold implements ProjectionFold {
  private readonly batch = new ReevaluationsBatch();

  constructor(private readonly s: ReevaluationsStatements) {}

  get held(): number {
    return this.batch.held;
  }

  add(events: readonly RecordedEvent[]): void {
    this.batch.add(events);
  }

  write(): void {
    runSteps(this.batch.write(), this.s);
  }
}
