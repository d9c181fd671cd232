import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';
import type { CaseListRecord } from '../case-list/cases.schema';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { postgresRows, SqlParams, sqliteRows } from '../../shared/read-models/read-model-sql';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { keysetPage } from '../../shared/http/keyset-page';
import { encodeCursor } from './application-cursor';
import { ListApplicationsQuery, type ApplicationListItem, type ApplicationListView } from './list-applications.query';

/** A listed case: its row, with its countries (a JSON array from SQLite, an array from PostgreSQL). */
type Row<Countries> = Omit<CaseListRecord, 'last_position'> & { countries: Countries };

/** The filters and the cursor of a page, as SQL conditions on `case_list c`. */
function listConditions(query: ListApplicationsQuery, params: SqlParams): string[] {
  const where: string[] = [];
  const { status, country, reviewTrack, assignee, flagged } = query.filters;
  if (status !== undefined) where.push(`c.status = ${params.add(status)}`);
  if (reviewTrack !== undefined) where.push(`c.review_track = ${params.add(reviewTrack)}`);
  if (assignee !== undefined) where.push(`c.assignee = ${params.add(assignee)}`);
  if (flagged !== undefined) where.push(`c.flagged_for_review = ${params.add(flagged ? 1 : 0)}`);
  if (country !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM case_countries k WHERE k.application_id = c.application_id AND k.country = ${params.add(country)})`);
  }
  if (query.after !== null) {
    const { submittedAt, applicationId } = query.after;
    where.push(`(c.submitted_at, c.application_id) < (${params.add(submittedAt)}, ${params.add(applicationId)})`);
  }
  return where;
}

/** A page's statement: `countries` is the database's expression of a case's sorted countries. */
function listStatement(countries: string, where: readonly string[], limit: string): string {
  return `SELECT c.application_id, c.status, c.review_track, c.assignee, c.licence_type, c.applicant_name, c.value_usd,
       ${countries} AS countries,
       c.submitted_at, c.last_changed_at, c.valid_until, c.flagged_for_review, c.last_revision
     FROM case_list c
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.submitted_at DESC, c.application_id DESC
     LIMIT ${limit}`;
}

/** A page from rows read with `limit + 1`, newest first. */
function pageOf(rows: ReadonlyArray<Row<string[]>>, query: ListApplicationsQuery): ApplicationListView {
  return keysetPage(rows, query.limit, toItem, (last) => encodeCursor({ submittedAt: last.submitted_at, applicationId: last.application_id }));
}

/**
 * A page of the case list, newest first (submittedAt DESC, id DESC). Keyset pagination: the cursor is the last
 * item's sort key, so a page never repeats or skips a case because cases were added meanwhile.
 */
export function listApplications(db: Database.Database, query: ListApplicationsQuery): ApplicationListView {
  const params = new SqlParams('sqlite');
  const where = listConditions(query, params);
  const limit = params.add(query.limit + 1);
  const countries = `(SELECT json_group_array(country) FROM
       (SELECT country FROM case_countries k WHERE k.application_id = c.application_id ORDER BY country))`;
  const rows = sqliteRows<Row<string>>(db, { sql: listStatement(countries, where, limit), params: params.values });
  return pageOf(
    rows.map((row) => ({ ...row, countries: JSON.parse(row.countries) as string[] })),
    query,
  );
}

/** {@link listApplications} from PostgreSQL (text columns in byte order, as SQLite compares them). */
export async function listApplicationsInPostgres(db: Sql, query: ListApplicationsQuery): Promise<ApplicationListView> {
  const params = new SqlParams('postgres');
  const where = listConditions(query, params);
  const limit = params.add(query.limit + 1);
  const countries = 'ARRAY(SELECT k.country FROM case_countries k WHERE k.application_id = c.application_id ORDER BY k.country)';
  const rows = await postgresRows<Row<string[]>>(db, { sql: listStatement(countries, where, limit), params: params.values });
  return pageOf(rows, query);
}

/** The page on whichever database holds the read models. */
export const applicationList = (query: ListApplicationsQuery): ReadModelQuery<ApplicationListView> => ({
  sqlite: (db) => listApplications(db, query),
  postgres: (db) => listApplicationsInPostgres(db, query),
});

function toItem(row: Row<string[]>): ApplicationListItem {
  return {
    id: row.application_id,
    status: row.status,
    reviewTrack: row.review_track,
    assignee: row.assignee,
    licenceType: row.licence_type,
    applicantName: row.applicant_name,
    valueUsd: row.value_usd,
    countries: row.countries,
    submittedAt: row.submitted_at,
    lastChangedAt: row.last_changed_at,
    validUntil: row.valid_until,
    flaggedForReview: row.flagged_for_review === 1,
    revision: row.last_revision,
  };
}

@QueryHandler(ListApplicationsQuery)
export class ListApplicationsHandler implements IQueryHandler<ListApplicationsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(query: ListApplicationsQuery): Promise<ApplicationListView> {
    await this.readModels.refresh();
    return this.readModels.query(applicationList(query));
  }
}
