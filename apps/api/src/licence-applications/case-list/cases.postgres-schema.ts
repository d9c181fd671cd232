import type { PostgresMigration } from '@app/infra';

/**
 * The `cases` projection's schema in PostgreSQL: the same tables and columns as the SQLite schema after all its
 * migrations (cases.schema.ts), in the same column order, so rows and dumps compare equal.
 *
 * Types are chosen so node-pg answers the values better-sqlite3 does: `integer` (a JS number; `bigint` would come
 * back as a string), `double precision` for SQLite's REAL, and text for timestamps and dates, as SQLite keeps
 * them. Every text column is `COLLATE "C"`: SQLite orders text by its bytes, so ORDER BY and the keyset
 * comparisons of the list must too. The flag stays an integer 0/1, as SQLite stores it.
 */
export const CASES_POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'create-case-list',
    up: `
      CREATE TABLE case_list (
        application_id     text COLLATE "C" PRIMARY KEY,
        status             text COLLATE "C" NOT NULL,
        review_track       text COLLATE "C" NOT NULL,
        assignee           text COLLATE "C",
        licence_type       text COLLATE "C" NOT NULL,
        applicant_name     text COLLATE "C" NOT NULL,
        value_usd          double precision NOT NULL,
        submitted_at       text COLLATE "C" NOT NULL,
        last_changed_at    text COLLATE "C" NOT NULL,
        valid_until        text COLLATE "C",
        last_revision      integer NOT NULL CHECK (last_revision >= 0),
        last_position      text COLLATE "C" NOT NULL,
        flagged_for_review integer NOT NULL DEFAULT 0 CHECK (flagged_for_review IN (0, 1))
      );
      -- Keyset pagination: newest first, ties broken by id.
      CREATE INDEX case_list_order ON case_list (submitted_at DESC, application_id DESC);
      CREATE INDEX case_list_status ON case_list (status, submitted_at DESC, application_id DESC);
      CREATE INDEX case_list_assignee ON case_list (assignee, submitted_at DESC, application_id DESC);
      CREATE INDEX case_list_flagged ON case_list (flagged_for_review, submitted_at DESC, application_id DESC);

      -- No foreign key to case_list: a case's countries are written with its row, in the same transaction.
      CREATE TABLE case_countries (
        application_id text COLLATE "C" NOT NULL,
        country        text COLLATE "C" NOT NULL,
        PRIMARY KEY (application_id, country)
      );
      CREATE INDEX case_countries_country ON case_countries (country, application_id);

      -- Assigned cases per officer and status.
      CREATE TABLE officer_workload (
        officer_id text COLLATE "C" NOT NULL,
        status     text COLLATE "C" NOT NULL,
        count      integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (officer_id, status)
      );

      -- Cases per status, review track and party country (a case counts once in each of its countries).
      CREATE TABLE dashboard_counts (
        status       text COLLATE "C" NOT NULL,
        review_track text COLLATE "C" NOT NULL,
        country      text COLLATE "C" NOT NULL,
        count        integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (status, review_track, country)
      );

      -- Cases per status and review track (each case once).
      CREATE TABLE case_totals (
        status       text COLLATE "C" NOT NULL,
        review_track text COLLATE "C" NOT NULL,
        count        integer NOT NULL CHECK (count > 0),
        PRIMARY KEY (status, review_track)
      );

      -- Licences that can still expire: approved or suspended, with their last valid day.
      CREATE TABLE licence_expiry (
        application_id text COLLATE "C" PRIMARY KEY,
        valid_until    text COLLATE "C" NOT NULL,
        status         text COLLATE "C" NOT NULL CHECK (status IN ('approved', 'suspended'))
      );
      CREATE INDEX licence_expiry_due ON licence_expiry (valid_until, application_id);
    `,
  },
];
