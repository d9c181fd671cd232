import type Database from 'better-sqlite3';
import { statementsPerConnection } from '@app/infra';
import type { CaseRow } from './case-row';
import { caseRowOf, EXPIRING_STATUSES, expiryMove } from './cases-batch';
import type { CaseListRecord } from './cases.schema';
import { counterTable } from './counters';

/** The columns of `case_list` in an index that an event can change. */
type IndexedColumn = 'status' | 'assignee' | 'flagged_for_review';

function prepare(db: Database.Database) {
  // Many ids a statement (a JSON array): a batch looks up its cases in a few calls, not one call per case.
  const rows = db.prepare<[string], CaseListRecord>('SELECT * FROM case_list WHERE application_id IN (SELECT value FROM json_each(?))');
  const countries = db.prepare<[string], { application_id: string; country: string }>(
    'SELECT application_id, country FROM case_countries WHERE application_id IN (SELECT value FROM json_each(?)) ORDER BY application_id, country',
  );
  const insert = db.prepare<unknown[]>(
    `INSERT INTO case_list (application_id, status, review_track, assignee, licence_type, applicant_name, value_usd,
       submitted_at, last_changed_at, valid_until, flagged_for_review, last_revision, last_position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // A case's countries in one statement, prepared once per number of countries.
  const addCountries = new Map<number, Database.Statement<string[]>>();
  const addCountriesStatement = (count: number) => {
    let statement = addCountries.get(count);
    if (statement === undefined) {
      const values = Array.from({ length: count }, () => '(?, ?)').join(', ');
      statement = db.prepare<string[]>(`INSERT OR IGNORE INTO case_countries (application_id, country) VALUES ${values}`);
      addCountries.set(count, statement);
    }
    return statement;
  };
  const updates = new Map<string, Database.Statement<unknown[]>>();
  /**
   * An update setting only the indexed columns that changed: SQLite rewrites the entries of every index whose
   * column an UPDATE sets, changed or not, and most events change one indexed column at most.
   */
  const updateStatement = (indexed: readonly IndexedColumn[]) => {
    const key = indexed.join(',');
    let statement = updates.get(key);
    if (statement === undefined) {
      // Only what an event after the submission can change: the applicant, value and submission stay.
      const columns = [...indexed, 'review_track', 'last_changed_at', 'valid_until', 'last_revision', 'last_position'];
      statement = db.prepare<unknown[]>(`UPDATE case_list SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE application_id = ?`);
      updates.set(key, statement);
    }
    return statement;
  };
  const scheduleExpiry = db.prepare<[string, string, string]>(
    `INSERT INTO licence_expiry (application_id, valid_until, status) VALUES (?, ?, ?)
     ON CONFLICT (application_id) DO UPDATE SET valid_until = excluded.valid_until, status = excluded.status`,
  );
  const unscheduleExpiry = db.prepare<[string]>('DELETE FROM licence_expiry WHERE application_id = ?');
  const scheduleAll = db.prepare(
    `INSERT INTO licence_expiry (application_id, valid_until, status)
     SELECT application_id, valid_until, status FROM case_list
     WHERE status IN (${[...EXPIRING_STATUSES].map((status) => `'${status}'`).join(', ')}) AND valid_until IS NOT NULL
     ON CONFLICT (application_id) DO UPDATE SET valid_until = excluded.valid_until, status = excluded.status`,
  );
  const anyRow = db.prepare<[], number>('SELECT 1 FROM case_list LIMIT 1').pluck();
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('case_list', 'case_countries') AND sql IS NOT NULL`,
    );
  return {
    /** Whether the case list has no row (a replay into empty tables). */
    isEmpty(): boolean {
      return anyRow.get() === undefined;
    },
    /**
     * Runs `fill` with the secondary indexes of the case list and its countries dropped, then builds them again
     * (in the caller's transaction: other connections only ever see them whole). Building an index once over the
     * rows is much cheaper than keeping it up to date row by row while a replay inserts every case.
     */
    withIndexesBuiltAfter(fill: () => void): void {
      // Read from the live schema, so a later migration's indexes come back as it left them.
      const dropped = indexes.all();
      for (const { name } of dropped) db.exec(`DROP INDEX "${name}"`);
      fill();
      for (const { sql } of dropped) db.exec(sql);
    },
    /** The stored rows of these cases, by id (a case not stored is absent). */
    load(applicationIds: readonly string[]): Map<string, CaseRow> {
      const found = new Map<string, CaseRow>();
      for (const ids of chunks(applicationIds)) for (const record of rows.all(JSON.stringify(ids))) found.set(record.application_id, caseRowOf(record));
      return found;
    },
    /** The countries of these stored cases, by id, sorted. */
    countries(applicationIds: readonly string[]): Map<string, string[]> {
      const found = new Map<string, string[]>();
      for (const ids of chunks(applicationIds)) {
        for (const { application_id: id, country } of countries.all(JSON.stringify(ids))) {
          const list = found.get(id);
          if (list === undefined) found.set(id, [country]);
          else list.push(country);
        }
      }
      return found;
    },
    insert(row: CaseRow, countries: readonly string[]): void {
      insert.run(
        row.applicationId,
        row.status,
        row.reviewTrack,
        row.assignee,
        row.licenceType,
        row.applicantName,
        row.valueUsd,
        row.submittedAt,
        row.lastChangedAt,
        row.validUntil,
        row.flaggedForReview ? 1 : 0,
        row.lastRevision,
        row.lastPosition,
      );
      if (countries.length > 0) addCountriesStatement(countries.length).run(...countries.flatMap((country) => [row.applicationId, country]));
    },
    /** Writes a stored case's row as it now is (`before`: as it is stored). */
    update(before: CaseRow, row: CaseRow): void {
      const changed: Array<[IndexedColumn, unknown]> = [];
      if (row.status !== before.status) changed.push(['status', row.status]);
      if (row.assignee !== before.assignee) changed.push(['assignee', row.assignee]);
      if (row.flaggedForReview !== before.flaggedForReview) changed.push(['flagged_for_review', row.flaggedForReview ? 1 : 0]);
      updateStatement(changed.map(([column]) => column)).run(
        ...changed.map(([, value]) => value),
        row.reviewTrack,
        row.lastChangedAt,
        row.validUntil,
        row.lastRevision,
        row.lastPosition,
        row.applicationId,
      );
    },
    /** Keeps the case's line of the expiry schedule as its row says: there while its licence can still expire. */
    followExpiry(before: CaseRow | null, after: CaseRow): void {
      const move = expiryMove(before, after);
      if (move === 'unschedule') unscheduleExpiry.run(after.applicationId);
      else if (move !== null) scheduleExpiry.run(after.applicationId, move.schedule.validUntil, move.schedule.status);
    },
    /** Every case's line of the schedule at once, from the rows (for a batch that filled an empty case list). */
    scheduleAll(): void {
      scheduleAll.run();
    },
    workload: counterTable(db, 'officer_workload', ['officer_id', 'status']),
    dashboard: counterTable(db, 'dashboard_counts', ['status', 'review_track', 'country']),
    totals: counterTable(db, 'case_totals', ['status', 'review_track']),
  };
}

/** The `case_list` table and the tables derived from it, through statements prepared once per connection. */
export const caseListTable = statementsPerConnection(prepare);

/** Ids a lookup at most: SQLite parses the JSON array whole. */
const LOOKUP_CHUNK = 1_000;

function* chunks(ids: readonly string[]): Generator<readonly string[]> {
  for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) yield ids.slice(start, start + LOOKUP_CHUNK);
}
