import type { PostgresProjection, PostgresProjectionFold, RecordedEvent, Sql } from '@app/infra';
import { REEVALUATIONS_CATEGORIES, REEVALUATIONS_PROJECTION, ReevaluationsBatch, type InForce, type ReevaluationsStatements } from './reevaluations.fold';
import { REEVALUATIONS_POSTGRES_MIGRATIONS } from './reevaluations.postgres-schema';
import { REEVALUATIONS_TABLES } from './reevaluations.schema';
import { runStepsAsync, type AsyncStatements } from './statement-steps';

/** The fold's statements on one transaction's client, each awaited in turn (the same SQL as SQLite's, with `$n`). */
function postgresStatements(tx: Sql): AsyncStatements<ReevaluationsStatements> {
  const run = async (sql: string, params: unknown[]): Promise<void> => {
    await tx.query(sql, params);
  };
  const found = async (sql: string, params: unknown[]): Promise<boolean> => ((await tx.query(sql, params)).rowCount ?? 0) > 0;
  return {
    nextSeq: async () => (await tx.query<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM reevaluation_runs')).rows[0]!.seq,
    insertRun: (r) =>
      run(
        `INSERT INTO reevaluation_runs (reevaluation_id, policy_event_id, kind, country_code, policy_version, from_status,
           to_status, citation, exceptions_removed, correction, due_on, status, recorded_at, updated_at, change_position, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled', $12, $12, $13, $14)
         ON CONFLICT (reevaluation_id) DO NOTHING`,
        [
          r.reevaluation_id,
          r.policy_event_id,
          r.kind,
          r.country_code,
          r.policy_version,
          r.from_status,
          r.to_status,
          r.citation,
          r.exceptions_removed,
          r.correction,
          r.due_on,
          r.recorded_at,
          r.change_position,
          r.seq,
        ],
      ),
    // A change coming into force on or before a suspension's lapse supersedes the lapse: it never happens.
    cancelLapses: (at, countryCode, dueOnOrAfter) =>
      run(
        `UPDATE reevaluation_runs SET status = 'cancelled', updated_at = $1
         WHERE country_code = $2 AND kind = 'suspension-lapse' AND status = 'scheduled' AND due_on >= $3`,
        [at, countryCode, dueOnOrAfter],
      ),
    // A correction's suspension whose lapse day a recorded version already reaches (a later renewal) never lapses.
    hasVersionBetween: (countryCode, after, until) =>
      found(
        `SELECT 1 FROM country_policy_versions WHERE country_code = $1 AND effective_on > $2 AND effective_on <= $3 LIMIT 1`,
        [countryCode, after, until],
      ),
    cancelRun: (at, reevaluationId) =>
      run(`UPDATE reevaluation_runs SET status = 'cancelled', updated_at = $1 WHERE reevaluation_id = $2 AND status = 'scheduled'`, [
        at,
        reevaluationId,
      ]),
    deleteVersion: (countryCode, policyVersion) =>
      run('DELETE FROM country_policy_versions WHERE country_code = $1 AND policy_version = $2', [countryCode, policyVersion]),
    insertVersion: (countryCode, policyVersion, effectiveOn, reevaluationId) =>
      run(
        `INSERT INTO country_policy_versions (country_code, policy_version, effective_on, reevaluation_id)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [countryCode, policyVersion, effectiveOn, reevaluationId],
      ),
    versionInForce: async (countryCode, on) =>
      (
        await tx.query<InForce>(
          `SELECT policy_version, reevaluation_id FROM country_policy_versions
           WHERE country_code = $1 AND effective_on <= $2 ORDER BY effective_on DESC, policy_version DESC LIMIT 1`,
          [countryCode, on],
        )
      ).rows[0] ?? null,
    insertStale: (row) =>
      run(
        `INSERT INTO stale_submissions (application_id, country_code, determined_version, missed_version, reevaluation_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [row.application_id, row.country_code, row.determined_version, row.missed_version, row.reevaluation_id],
      ),
    started: (reevaluationId, total, startedAt, at) =>
      run(
        `UPDATE reevaluation_runs SET status = 'running', total = $1, started_at = $2, updated_at = $3
         WHERE reevaluation_id = $4 AND status IN ('scheduled', 'cancelled')`,
        [total, startedAt, at, reevaluationId],
      ),
    setCounts: (reevaluationId, c, at) =>
      run(
        `UPDATE reevaluation_runs SET processed = $1, changed = $2, revised = $3, unchanged = $4, flagged = $5,
           not_affected = $6, caught_late = $7, updated_at = $8
         WHERE reevaluation_id = $9`,
        [c.processed, c.changed, c.revised, c.unchanged, c.flagged, c.notAffected, c.caughtLate, at, reevaluationId],
      ),
    completed: (reevaluationId, total, completedAt, at) =>
      run(
        `UPDATE reevaluation_runs SET status = 'completed', total = $1, completed_at = $2, updated_at = $3 WHERE reevaluation_id = $4`,
        [total, completedAt, at, reevaluationId],
      ),
    // A batch's cases in one statement, not a round trip each. A case listed twice keeps its first outcome, as
    // SQLite's inserts one by one do: DISTINCT ON over the batch's order decides, not the plan.
    insertCases: (reevaluationId, cases, late) =>
      run(
        `INSERT INTO reevaluation_cases (reevaluation_id, application_id, outcome, late)
         SELECT DISTINCT ON (application_id) $1::text, application_id, outcome, $4::integer
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS batch (application_id, outcome, n)
         ORDER BY application_id, n
         ON CONFLICT DO NOTHING`,
        [reevaluationId, cases.map((entry) => entry.applicationId), cases.map((entry) => entry.outcome), late ? 1 : 0],
      ),
    handleStale: (reevaluationId, applicationIds) =>
      run('UPDATE stale_submissions SET handled = 1 WHERE reevaluation_id = $1 AND application_id = ANY($2::text[])', [
        reevaluationId,
        applicationIds,
      ]),
    hasOpenStale: (reevaluationId) =>
      found('SELECT 1 FROM stale_submissions WHERE handled = 0 AND reevaluation_id = $1 LIMIT 1', [reevaluationId]),
  };
}

/**
 * The `reevaluations` projection in PostgreSQL, the twin of `reevaluationsProjection`: the same batch and
 * decisions, its statements awaited on the projector's transaction.
 */
export const reevaluationsPostgresProjection: PostgresProjection = {
  name: REEVALUATIONS_PROJECTION,
  categories: REEVALUATIONS_CATEGORIES,
  migrations: REEVALUATIONS_POSTGRES_MIGRATIONS,
  tables: REEVALUATIONS_TABLES,

  fold(): PostgresProjectionFold {
    return new ReevaluationsPostgresFold();
  },

  async reset(tx: Sql): Promise<void> {
    await tx.query(`TRUNCATE ${REEVALUATIONS_TABLES.join(', ')}`);
  },
};

/** A batch kept in memory by `add`; every read it needs is part of its write, in the projector's transaction. */
class ReevaluationsPostgresFold implements PostgresProjectionFold {
  private readonly batch = new ReevaluationsBatch();

  get held(): number {
    return this.batch.held;
  }

  add(events: readonly RecordedEvent[]): Promise<void> {
    this.batch.add(events);
    return Promise.resolve();
  }

  async write(tx: Sql): Promise<void> {
    await runStepsAsync(this.batch.write(), postgresStatements(tx));
  }
}
