import type { Migration } from '@app/infra';

/** The tables of the `reevaluations` projection, in dump order. */
export const REEVALUATIONS_TABLES = [
  'reevaluation_runs',
  'reevaluation_cases',
  'country_policy_versions',
  'stale_submissions',
] as const;

/**
 * The `reevaluations` projection's schema:
 * - `reevaluation_runs`: one row per run, created `scheduled` when its change is recorded (a suspension also
 *   schedules its lapse), then moved by the run's own events. The process manager takes its work from here.
 * - `reevaluation_cases`: every case a run accounted for, with its outcome (the run's visible account of the cases
 *   it left unchanged).
 * - `country_policy_versions`: each country's versions with their effective dates, to recognise a stale submission.
 * - `stale_submissions`: cases whose determination used a version older than the one in force on their policy date
 *   (they were submitted while the change was being recorded); `handled` once a run accounted for them.
 */
export const REEVALUATIONS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-reevaluation-runs',
    up: `
      CREATE TABLE reevaluation_runs (
        reevaluation_id TEXT    PRIMARY KEY,
        policy_event_id TEXT    NOT NULL,
        kind            TEXT    NOT NULL CHECK (kind IN ('status-change', 'suspension-lapse')),
        country_code    TEXT    NOT NULL,
        policy_version  INTEGER NOT NULL,
        from_status     TEXT    NOT NULL,
        to_status       TEXT    NOT NULL,
        citation        TEXT    NOT NULL,
        due_on          TEXT    NOT NULL,
        status          TEXT    NOT NULL CHECK (status IN ('scheduled', 'running', 'completed', 'cancelled')),
        total           INTEGER NOT NULL DEFAULT 0,
        processed       INTEGER NOT NULL DEFAULT 0,
        changed         INTEGER NOT NULL DEFAULT 0,
        unchanged       INTEGER NOT NULL DEFAULT 0,
        flagged         INTEGER NOT NULL DEFAULT 0,
        not_affected    INTEGER NOT NULL DEFAULT 0,
        caught_late     INTEGER NOT NULL DEFAULT 0,
        recorded_at     TEXT    NOT NULL,
        started_at      TEXT,
        completed_at    TEXT,
        updated_at      TEXT    NOT NULL,
        change_position TEXT    NOT NULL,
        seq             INTEGER NOT NULL
      ) STRICT;
      -- The process manager's work list: runs not yet completed, in the order they come due.
      CREATE INDEX reevaluation_runs_due ON reevaluation_runs (status, due_on, seq);
      CREATE INDEX reevaluation_runs_country ON reevaluation_runs (country_code, seq);

      CREATE TABLE reevaluation_cases (
        reevaluation_id TEXT    NOT NULL,
        application_id  TEXT    NOT NULL,
        outcome         TEXT    NOT NULL,
        late            INTEGER NOT NULL CHECK (late IN (0, 1)),
        PRIMARY KEY (reevaluation_id, application_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE country_policy_versions (
        country_code    TEXT    NOT NULL,
        policy_version  INTEGER NOT NULL,
        effective_on    TEXT    NOT NULL,
        reevaluation_id TEXT    NOT NULL,
        PRIMARY KEY (country_code, policy_version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE stale_submissions (
        application_id     TEXT    PRIMARY KEY,
        country_code       TEXT    NOT NULL,
        determined_version INTEGER NOT NULL,
        missed_version     INTEGER NOT NULL,
        reevaluation_id    TEXT    NOT NULL,
        handled            INTEGER NOT NULL DEFAULT 0 CHECK (handled IN (0, 1))
      ) STRICT;
      CREATE INDEX stale_submissions_open ON stale_submissions (handled, reevaluation_id);
    `,
  },
  {
    version: 2,
    name: 'add-revised-exceptions-removed-and-correction',
    // `revised`: pending cases left on their track whose determinations changed (DeterminationsRevised); earlier runs
    // recorded none, so 0 is their true count. `exceptions_removed`: a Table 2 paragraph narrowed by the change (JSON
    // array); earlier changes carried none in their events, so '[]' is what a replay would compute as well.
    // `correction`: the change corrects the register's history; no earlier change did.
    up: `
      ALTER TABLE reevaluation_runs ADD COLUMN revised INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE reevaluation_runs ADD COLUMN exceptions_removed TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE reevaluation_runs ADD COLUMN correction INTEGER NOT NULL DEFAULT 0 CHECK (correction IN (0, 1));
    `,
  },
];
