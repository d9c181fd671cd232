import type { Sql } from '@app/infra';
import type { CaseRow } from './case-row';
import { caseRowOf } from './cases-batch';
import type { CaseListRecord } from './cases.schema';
import type { BucketDeltas } from './counters';

/**
 * The `case_list` table and the tables derived from it in PostgreSQL. Every write takes many rows a statement
 * (one array a column, `unnest`ed), so a rebuild's 100 000 cases take a few dozen round trips, not 100 000.
 */

/** Rows a statement at most: each column's array is sent whole. */
const ROWS_PER_STATEMENT = 10_000;

function* chunks<T>(items: readonly T[]): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) yield items.slice(start, start + ROWS_PER_STATEMENT);
}

/** Whether the case list has no row (a replay into empty tables). */
export async function caseListIsEmpty(db: Sql): Promise<boolean> {
  return (await db.query('SELECT 1 FROM case_list LIMIT 1')).rowCount === 0;
}

/** The stored rows of these cases, by id (a case not stored is absent). */
export async function loadCases(db: Sql, applicationIds: readonly string[]): Promise<Map<string, CaseRow>> {
  const found = new Map<string, CaseRow>();
  for (const ids of chunks(applicationIds)) {
    const { rows } = await db.query<CaseListRecord>('SELECT * FROM case_list WHERE application_id = ANY($1::text[])', [ids]);
    for (const record of rows) found.set(record.application_id, caseRowOf(record));
  }
  return found;
}

/** The countries of these stored cases, by id, sorted. */
export async function loadCountries(db: Sql, applicationIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const ids of chunks(applicationIds)) {
    const { rows } = await db.query<{ application_id: string; country: string }>(
      'SELECT application_id, country FROM case_countries WHERE application_id = ANY($1::text[]) ORDER BY application_id, country',
      [ids],
    );
    for (const { application_id: id, country } of rows) {
      const list = found.get(id);
      if (list === undefined) found.set(id, [country]);
      else list.push(country);
    }
  }
  return found;
}

/** New cases: their rows and their countries. */
export async function insertCases(tx: Sql, cases: ReadonlyArray<{ row: CaseRow; countries: readonly string[] }>): Promise<void> {
  for (const part of chunks(cases)) {
    const rows = part.map(({ row }) => row);
    await tx.query(
      `INSERT INTO case_list (application_id, status, review_track, assignee, licence_type, applicant_name, value_usd,
         submitted_at, last_changed_at, valid_until, flagged_for_review, last_revision, last_position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::double precision[],
         $8::text[], $9::text[], $10::text[], $11::integer[], $12::integer[], $13::text[])`,
      [
        rows.map((row) => row.applicationId),
        rows.map((row) => row.status),
        rows.map((row) => row.reviewTrack),
        rows.map((row) => row.assignee),
        rows.map((row) => row.licenceType),
        rows.map((row) => row.applicantName),
        rows.map((row) => row.valueUsd),
        rows.map((row) => row.submittedAt),
        rows.map((row) => row.lastChangedAt),
        rows.map((row) => row.validUntil),
        rows.map((row) => (row.flaggedForReview ? 1 : 0)),
        rows.map((row) => row.lastRevision),
        rows.map((row) => row.lastPosition),
      ],
    );
  }
  const countries = cases.flatMap(({ row, countries }) => countries.map((country) => [row.applicationId, country] as const));
  for (const part of chunks(countries)) {
    await tx.query(
      'INSERT INTO case_countries (application_id, country) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
      [part.map(([id]) => id), part.map(([, country]) => country)],
    );
  }
}

/** Stored cases' rows as they now are: only what an event after the submission can change. */
export async function updateCases(tx: Sql, rows: readonly CaseRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await tx.query(
      `UPDATE case_list c SET status = u.status, review_track = u.review_track, assignee = u.assignee,
         last_changed_at = u.last_changed_at, valid_until = u.valid_until, flagged_for_review = u.flagged_for_review,
         last_revision = u.last_revision, last_position = u.last_position
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::integer[], $9::text[])
         AS u (application_id, status, review_track, assignee, last_changed_at, valid_until, flagged_for_review, last_revision, last_position)
       WHERE c.application_id = u.application_id`,
      [
        part.map((row) => row.applicationId),
        part.map((row) => row.status),
        part.map((row) => row.reviewTrack),
        part.map((row) => row.assignee),
        part.map((row) => row.lastChangedAt),
        part.map((row) => row.validUntil),
        part.map((row) => (row.flaggedForReview ? 1 : 0)),
        part.map((row) => row.lastRevision),
        part.map((row) => row.lastPosition),
      ],
    );
  }
}

/** Writes these cases' lines of the expiry schedule (new, or moved to another day or status). */
export async function scheduleExpiries(
  tx: Sql,
  lines: ReadonlyArray<{ applicationId: string; validUntil: string; status: string }>,
): Promise<void> {
  for (const part of chunks(lines)) {
    await tx.query(
      `INSERT INTO licence_expiry (application_id, valid_until, status)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (application_id) DO UPDATE SET valid_until = excluded.valid_until, status = excluded.status`,
      [part.map((line) => line.applicationId), part.map((line) => line.validUntil), part.map((line) => line.status)],
    );
  }
}

/** Removes these cases' lines of the expiry schedule: their licences can no longer expire. */
export async function unscheduleExpiries(tx: Sql, applicationIds: readonly string[]): Promise<void> {
  for (const ids of chunks(applicationIds)) await tx.query('DELETE FROM licence_expiry WHERE application_id = ANY($1::text[])', [ids]);
}

/** PostgreSQL's code for a CHECK constraint violation. */
const CHECK_VIOLATION = '23514';

/**
 * Moves a counter table's buckets by a batch's summed deltas in one statement: a bucket that reaches 0 is
 * deleted, so the table holds no zero rows. Throws when a bucket would go below zero (its `count > 0` check): the
 * counter no longer matches its rows.
 */
export async function applyCounterDeltas(tx: Sql, table: string, keys: readonly string[], deltas: BucketDeltas): Promise<void> {
  const changes = [...deltas.changes()];
  const columns = keys.join(', ');
  const arrays = keys.map((_key, index) => `$${index + 1}::text[]`).join(', ');
  const matches = keys.map((key) => `t.${key} = d.${key}`).join(' AND ');
  for (const part of chunks(changes)) {
    const params = [...keys.map((_key, index) => part.map(({ bucket }) => bucket[index])), part.map(({ delta }) => delta)];
    try {
      await tx.query(
        `MERGE INTO ${table} t
         USING (SELECT * FROM unnest(${arrays}, $${keys.length + 1}::integer[]) AS d (${columns}, delta)) d ON ${matches}
         WHEN MATCHED AND t.count + d.delta = 0 THEN DELETE
         WHEN MATCHED THEN UPDATE SET count = t.count + d.delta
         WHEN NOT MATCHED THEN INSERT (${columns}, count) VALUES (${keys.map((key) => `d.${key}`).join(', ')}, d.delta)`,
        params,
      );
    } catch (error) {
      if ((error as { code?: string }).code !== CHECK_VIOLATION) throw error;
      throw new Error(`${table}: a bucket holds fewer than the batch takes away`, { cause: error });
    }
  }
}
