import type { PostgresMigration } from '@app/infra';

/**
 * The `reevaluations` projection's tables in PostgreSQL: the same tables and columns as SQLite's final schema
 * (reevaluations.schema.ts), in the same column order, so rows compare equal. `integer` columns come back from
 * node-pg as numbers (never bigint strings), timestamps and JSON stay text as in SQLite, and text sorts in byte
 * order (`COLLATE "C"`), as SQLite sorts it.
 */
export const REEVALUATIONS_POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-reevaluation-runs',
    up: `
      CREATE TABLE reevaluation_runs (
        reevaluation_id    text    COLLATE "C" PRIMARY KEY,
        policy_event_id    text    COLLATE "C" NOT NULL,
        kind               text    COLLATE "C" NOT NULL CHECK (kind IN ('status-change', 'suspension-lapse')),
        country_code       text    COLLATE "C" NOT NULL,
        policy_version     integer NOT NULL,
        from_status        text    COLLATE "C" NOT NULL,
        to_status          text    COLLATE "C" NOT NULL,
        citation           text    COLLATE "C" NOT NULL,
        due_on             text    COLLATE "C" NOT NULL,
        status             text    COLLATE "C" NOT NULL CHECK (status IN ('scheduled', 'running', 'completed', 'cancelled')),
        total              integer NOT NULL DEFAULT 0,
        processed          integer NOT NULL DEFAULT 0,
        changed            integer NOT NULL DEFAULT 0,
        unchanged          integer NOT NULL DEFAULT 0,
        flagged            integer NOT NULL DEFAULT 0,
        not_affected       integer NOT NULL DEFAULT 0,
        caught_late        integer NOT NULL DEFAULT 0,
        recorded_at        text    COLLATE "C" NOT NULL,
        started_at         text    COLLATE "C",
        completed_at       text    COLLATE "C",
        updated_at         text    COLLATE "C" NOT NULL,
        change_position    text    COLLATE "C" NOT NULL,
        seq                integer NOT NULL,
        revised            integer NOT NULL DEFAULT 0,
        exceptions_removed text    COLLATE "C" NOT NULL DEFAULT '[]',
        correction         integer NOT NULL DEFAULT 0 CHECK (correction IN (0, 1))
      );
      -- The process manager's work list: runs not yet completed, in the order they come due.
      CREATE INDEX reevaluation_runs_due ON reevaluation_runs (status, due_on, seq);
      CREATE INDEX reevaluation_runs_country ON reevaluation_runs (country_code, seq);

      CREATE TABLE reevaluation_cases (
        reevaluation_id text    COLLATE "C" NOT NULL,
        application_id  text    COLLATE "C" NOT NULL,
        outcome         text    COLLATE "C" NOT NULL,
        late            integer NOT NULL CHECK (late IN (0, 1)),
        PRIMARY KEY (reevaluation_id, application_id)
      );
      -- A case's dossier lists the runs that accounted for it.
      CREATE INDEX reevaluation_cases_application ON reevaluation_cases (application_id);

      CREATE TABLE country_policy_versions (
        country_code    text    COLLATE "C" NOT NULL,
        policy_version  integer NOT NULL,
        effective_on    text    COLLATE "C" NOT NULL,
        reevaluation_id text    COLLATE "C" NOT NULL,
        PRIMARY KEY (country_code, policy_version)
      );

      CREATE TABLE stale_submissions (
        application_id     text    COLLATE "C" PRIMARY KEY,
        country_code       text    COLLATE "C" NOT NULL,
        determined_version integer NOT NULL,
        missed_version     integer NOT NULL,
        reevaluation_id    text    COLLATE "C" NOT NULL,
        handled            integer NOT NULL DEFAULT 0 CHECK (handled IN (0, 1))
      );
      CREATE INDEX stale_submissions_open ON stale_submissions (handled, reevaluation_id);
    `,
  },
];
