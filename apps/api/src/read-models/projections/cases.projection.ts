import type Database from 'better-sqlite3';
import { LICENCE_APPLICATION_CATEGORY } from '@app/domain';
import { statementsPerConnection, type Projection, type RecordedEvent } from '@app/infra';
import { evolveCaseRow, type CaseRow } from './case-row';
import { CASES_MIGRATIONS, CASES_TABLES } from './cases.schema';
import { counterTable, moveBuckets } from './counters';

export const CASES_PROJECTION = 'cases';

/** Statuses in which a licence can still expire. */
const EXPIRING_STATUSES = new Set(['approved', 'suspended']);

interface CaseListRow {
  application_id: string;
  status: string;
  review_track: string;
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

function prepare(db: Database.Database) {
  return {
    row: db.prepare<[string], CaseListRow>('SELECT * FROM case_list WHERE application_id = ?'),
    countries: db.prepare<[string], { country: string }>(
      'SELECT country FROM case_countries WHERE application_id = ? ORDER BY country',
    ),
    upsert: db.prepare<CaseListRow>(
      `INSERT INTO case_list (application_id, status, review_track, assignee, licence_type, applicant_name, value_usd,
         submitted_at, last_changed_at, valid_until, flagged_for_review, last_revision, last_position)
       VALUES (@application_id, @status, @review_track, @assignee, @licence_type, @applicant_name, @value_usd,
         @submitted_at, @last_changed_at, @valid_until, @flagged_for_review, @last_revision, @last_position)
       ON CONFLICT (application_id) DO UPDATE SET status = excluded.status, review_track = excluded.review_track,
         assignee = excluded.assignee, last_changed_at = excluded.last_changed_at, valid_until = excluded.valid_until,
         flagged_for_review = excluded.flagged_for_review, last_revision = excluded.last_revision,
         last_position = excluded.last_position`,
    ),
    addCountry: db.prepare<[string, string]>('INSERT OR IGNORE INTO case_countries (application_id, country) VALUES (?, ?)'),
    scheduleExpiry: db.prepare<[string, string, string]>(
      `INSERT INTO licence_expiry (application_id, valid_until, status) VALUES (?, ?, ?)
       ON CONFLICT (application_id) DO UPDATE SET valid_until = excluded.valid_until, status = excluded.status`,
    ),
    unscheduleExpiry: db.prepare<[string]>('DELETE FROM licence_expiry WHERE application_id = ?'),
    workload: counterTable(db, 'officer_workload', ['officer_id', 'status']),
    dashboard: counterTable(db, 'dashboard_counts', ['status', 'review_track', 'country']),
    totals: counterTable(db, 'case_totals', ['status', 'review_track']),
  };
}

/** Statements are prepared once per connection. */
const statements = statementsPerConnection(prepare);

function toRow(row: CaseListRow, countries: readonly string[]): CaseRow {
  return {
    applicationId: row.application_id,
    status: row.status,
    reviewTrack: row.review_track,
    assignee: row.assignee,
    licenceType: row.licence_type,
    applicantName: row.applicant_name,
    valueUsd: row.value_usd,
    countries,
    submittedAt: row.submitted_at,
    lastChangedAt: row.last_changed_at,
    validUntil: row.valid_until,
    flaggedForReview: row.flagged_for_review === 1,
    lastRevision: row.last_revision,
    lastPosition: row.last_position,
  };
}

function fromRow(row: CaseRow): CaseListRow {
  return {
    application_id: row.applicationId,
    status: row.status,
    review_track: row.reviewTrack,
    assignee: row.assignee,
    licence_type: row.licenceType,
    applicant_name: row.applicantName,
    value_usd: row.valueUsd,
    submitted_at: row.submittedAt,
    last_changed_at: row.lastChangedAt,
    valid_until: row.validUntil,
    flagged_for_review: row.flaggedForReview ? 1 : 0,
    last_revision: row.lastRevision,
    last_position: row.lastPosition,
  };
}

/**
 * Keeps the counters and the expiry schedule in step with one case row's change, in the same transaction:
 * the case leaves its old buckets (−1) and joins its new ones (+1).
 */
function followChange(s: ReturnType<typeof prepare>, before: CaseRow | null, after: CaseRow): void {
  const workload = (row: CaseRow | null) => (row?.assignee ? [[row.assignee, row.status]] : []);
  moveBuckets(s.workload, workload(before), workload(after));
  const dashboard = (row: CaseRow | null) => (row ? row.countries.map((country) => [row.status, row.reviewTrack, country]) : []);
  moveBuckets(s.dashboard, dashboard(before), dashboard(after));
  const totals = (row: CaseRow | null) => (row ? [[row.status, row.reviewTrack]] : []);
  moveBuckets(s.totals, totals(before), totals(after));
  if (EXPIRING_STATUSES.has(after.status) && after.validUntil !== null) {
    s.scheduleExpiry.run(after.applicationId, after.validUntil, after.status);
  } else if (before !== null && EXPIRING_STATUSES.has(before.status)) {
    s.unscheduleExpiry.run(after.applicationId);
  }
}

/**
 * The `cases` projection: the case list (one row per case, with its party countries), and, derived from each
 * row change in the same transaction, the officers' workload, the dashboard counts and the licence expiry
 * schedule. Reads the `LicenceApplication` category.
 *
 * Duplicate delivery: each row keeps the revision of the case's last event, and an event at or below it is
 * ignored, so a replayed event changes neither the row nor any counter.
 */
export const casesProjection: Projection = {
  name: CASES_PROJECTION,
  categories: [LICENCE_APPLICATION_CATEGORY],
  migrations: CASES_MIGRATIONS,
  tables: CASES_TABLES,

  apply(db: Database.Database, event: RecordedEvent): void {
    const prefix = `${LICENCE_APPLICATION_CATEGORY}-`;
    if (!event.streamName.startsWith(prefix)) return;
    const applicationId = event.streamName.slice(prefix.length);
    const s = statements(db);
    const stored = s.row.get(applicationId);
    if (stored !== undefined && event.revision <= BigInt(stored.last_revision)) return;
    const before = stored === undefined ? null : toRow(stored, s.countries.all(applicationId).map((row) => row.country));
    const after = evolveCaseRow(before, applicationId, event);
    if (after === null) return;
    s.upsert.run(fromRow(after));
    if (before === null) for (const country of after.countries) s.addCountry.run(applicationId, country);
    followChange(s, before, after);
  },

  reset(db: Database.Database): void {
    // Children first: case_countries references case_list.
    for (const table of [...CASES_TABLES].reverse()) db.prepare(`DELETE FROM ${table}`).run();
  },
};
