import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CASE_STATUSES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import type Database from 'better-sqlite3';
import type { Sql } from '@app/infra';
import { CASES_PROJECTION } from '../case-list/cases.projection';
import type { ReadModelQuery } from '../../shared/read-models/read-model-query';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { GetDashboardQuery, type DashboardCount, type DashboardView } from './get-dashboard.query';

interface CountRow {
  status: string;
  review_track: string;
  country: string;
  count: number;
}

/** The dashboard from its counter rows and the projection's checkpoint, whichever database answered them. */
function dashboardOf(countRows: readonly CountRow[], totalRows: ReadonlyArray<Omit<CountRow, 'country'>>, checkpoint: string | null): DashboardView {
  const counts = countRows.map(
    (row): DashboardCount => ({
      status: row.status as CaseStatus,
      reviewTrack: row.review_track as ReviewTrack,
      country: row.country,
      count: row.count,
    }),
  );
  const byStatus = Object.fromEntries(CASE_STATUSES.map((status) => [status, 0])) as Record<CaseStatus, number>;
  const byReviewTrack = Object.fromEntries(REVIEW_TRACKS.map((track) => [track, 0])) as Record<ReviewTrack, number>;
  let cases = 0;
  for (const row of totalRows) {
    byStatus[row.status as CaseStatus] = (byStatus[row.status as CaseStatus] ?? 0) + row.count;
    byReviewTrack[row.review_track as ReviewTrack] = (byReviewTrack[row.review_track as ReviewTrack] ?? 0) + row.count;
    cases += row.count;
  }
  return { counts, totals: { byStatus, byReviewTrack, cases }, asOfPosition: checkpoint };
}

const COUNTS = 'SELECT status, review_track, country, count FROM dashboard_counts ORDER BY status, review_track, country';
const TOTALS = 'SELECT status, review_track, count FROM case_totals';

/**
 * The dashboard, read from counters the projection keeps in step with the case rows: cases by status, review
 * track and party country (a case counts once in each of its countries), and totals that count each case once.
 */
export function readDashboard(db: Database.Database): DashboardView {
  const counts = db.prepare<[], CountRow>(COUNTS).all();
  const totals = db.prepare<[], Omit<CountRow, 'country'>>(TOTALS).all();
  const checkpoint = db
    .prepare<[string], { position: string }>('SELECT position FROM projection_checkpoints WHERE projection = ?')
    .get(CASES_PROJECTION);
  return dashboardOf(counts, totals, checkpoint?.position ?? null);
}

/** {@link readDashboard} from PostgreSQL (its text columns order by bytes, as SQLite's do). */
export async function readDashboardInPostgres(db: Sql): Promise<DashboardView> {
  const counts = await db.query<CountRow>(COUNTS);
  const totals = await db.query<Omit<CountRow, 'country'>>(TOTALS);
  // As text whatever the projector's column type: positions are strings in the API.
  const checkpoint = await db.query<{ position: string }>('SELECT position::text AS position FROM projection_checkpoints WHERE projection = $1', [
    CASES_PROJECTION,
  ]);
  return dashboardOf(counts.rows, totals.rows, checkpoint.rows[0]?.position ?? null);
}

/** The dashboard on whichever database holds the read models. */
export const dashboard: ReadModelQuery<DashboardView> = { sqlite: readDashboard, postgres: readDashboardInPostgres };

@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(): Promise<DashboardView> {
    await this.readModels.refresh();
    return this.readModels.query(dashboard);
  }
}
