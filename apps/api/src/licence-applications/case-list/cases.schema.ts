import type { CaseStatus, ReviewTrack } from '@app/domain';
import type { Migration } from '@app/infra';

/** A row of `case_list` as SQLite stores it (the schema below, after every migration). */
export interface CaseListRecord {
  application_id: string;
  /** Written only from the domain's case summary. */
  status: CaseStatus;
  review_track: ReviewTrack;
  assignee: string | null;
  licence_type: string;
  applicant_name: string;
  value_usd: number;
  submitted_at: string;
  last_changed_at: string;
  valid_until: string | null;
  /** 0 or 1: SQLite has no boolean. */
  flagged_for_review: number;
  last_revision: number;
  last_position: string;
}

/** The tables of the `cases` projection, in dump order. */
export const CASES_TABLES = [
  'case_list',
  'case_countries',
  'officer_workload',
  'dashboard_counts',
  'case_totals',
  'licence_expiry',
] as const;

/**
 * The `cases` projection's schema. `case_list` and `case_countries` are the rows; the other tables are counters
 * and a schedule derived from them, kept in step in the same transaction (see cases.projection.ts), so a
 * `GROUP BY` over the rows always gives the counters.
 *
 * Counters hold no zero rows: a bucket that reaches 0 is deleted, so the tables equal their recount exactly.
 */
export const CASES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-case-list',
    up: `
      CREATE TABLE case_list (
        application_id  TEXT    PRIMARY KEY,
        status          TEXT    NOT NULL,
        review_track    TEXT    NOT NULL,
        assignee        TEXT,
        licence_type    TEXT    NOT NULL,
        applicant_name  TEXT    NOT NULL,
        value_usd       REAL    NOT NULL,
        submitted_at    TEXT    NOT NULL,
        last_changed_at TEXT    NOT NULL,
        valid_until     TEXT,
        last_revision   INTEGER NOT NULL CHECK (last_revision >= 0),
        last_position   TEXT    NOT NULL
      ) STRICT;
      -- Keyset pagination: newest first, ties broken by id.
      CREATE INDEX case_list_order ON case_list (submitted_at DESC, application_id DESC);
      CREATE INDEX case_list_status ON case_list (status, submitted_at DESC, application_id DESC);
      CREATE INDEX case_list_assignee ON case_list (assignee, submitted_at DESC, application_id DESC);

      CREATE TABLE case_countries (
        application_id TEXT NOT NULL REFERENCES case_list (application_id) ON DELETE CASCADE,
        country        TEXT NOT NULL,
        PRIMARY KEY (application_id, country)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX case_countries_country ON case_countries (country, application_id);

      -- Assigned cases per officer and status.
      CREATE TABLE officer_workload (
        officer_id TEXT    NOT NULL,
        status     TEXT    NOT NULL,
        count      INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (officer_id, status)
      ) STRICT, WITHOUT ROWID;

      -- Cases per status, review track and party country (a case counts once in each of its countries).
      CREATE TABLE dashboard_counts (
        status       TEXT    NOT NULL,
        review_track TEXT    NOT NULL,
        country      TEXT    NOT NULL,
        count        INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (status, review_track, country)
      ) STRICT, WITHOUT ROWID;

      -- Cases per status and review track (each case once).
      CREATE TABLE case_totals (
        status       TEXT    NOT NULL,
        review_track TEXT    NOT NULL,
        count        INTEGER NOT NULL CHECK (count > 0),
        PRIMARY KEY (status, review_track)
      ) STRICT, WITHOUT ROWID;

      -- Licences that can still expire: approved or suspended, with their last valid day.
      CREATE TABLE licence_expiry (
        application_id TEXT PRIMARY KEY,
        valid_until    TEXT NOT NULL,
        status         TEXT NOT NULL CHECK (status IN ('approved', 'suspended'))
      ) STRICT;
      CREATE INDEX licence_expiry_due ON licence_expiry (valid_until, application_id);
    `,
  },
  {
    version: 2,
    name: 'add-flagged-for-review',
    // Supervisors look for the licences a §126.1 tightening flagged for a §126.7 review. The column is new, so
    // the rows built before it say 0 even for a licence whose stream holds LicenceFlaggedForReview, and their
    // revision guards would skip those events on a plain catch-up: the projection's rows and checkpoint are
    // cleared in the same migration, so the next catch-up replays the log and computes the flag for every case.
    up: `
      ALTER TABLE case_list
        ADD COLUMN flagged_for_review INTEGER NOT NULL DEFAULT 0 CHECK (flagged_for_review IN (0, 1));
      CREATE INDEX case_list_flagged ON case_list (flagged_for_review, submitted_at DESC, application_id DESC);

      DELETE FROM licence_expiry;
      DELETE FROM case_totals;
      DELETE FROM dashboard_counts;
      DELETE FROM officer_workload;
      DELETE FROM case_countries;
      DELETE FROM case_list;
      DELETE FROM projection_checkpoints WHERE projection = 'cases';
    `,
  },
  {
    version: 3,
    name: 'case-countries-without-foreign-key',
    // The projection writes a case's countries with its row, in the same transaction, and only a reset deletes
    // them (children first), so the foreign key to case_list guarded nothing; it cost a parent lookup for every
    // country written, and it made SQLite empty case_list row by row on every rebuild (a foreign key's parent
    // cannot be truncated). The table is rebuilt without it, rows and index unchanged.
    up: `
      CREATE TABLE case_countries_rebuilt (
        application_id TEXT NOT NULL,
        country        TEXT NOT NULL,
        PRIMARY KEY (application_id, country)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO case_countries_rebuilt (application_id, country) SELECT application_id, country FROM case_countries;
      DROP TABLE case_countries;
      ALTER TABLE case_countries_rebuilt RENAME TO case_countries;
      CREATE INDEX case_countries_country ON case_countries (country, application_id);
    `,
  },
];
