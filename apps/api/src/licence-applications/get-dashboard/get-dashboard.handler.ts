import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CASE_STATUSES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import type Database from 'better-sqlite3';
import { CASES_PROJECTION } from '../case-list/cases.projection';
import { ReadModels } from '../../shared/read-models/read-models.service';
import { GetDashboardQuery, type DashboardCount, type DashboardView } from './get-dashboard.query';

interface CountRow {
  status: string;
  review_track: string;
  country: string;
  count: number;
}

/**
 * The dashboard, read from counters the projection keeps in step with the case rows: cases by status, review
 * track and party country (a case counts once in each of its countries), and totals that count each case once.
 */
export function readDashboard(db: Database.Database): DashboardView {
  const counts = db
    .prepare<[], CountRow>('SELECT status, review_track, country, count FROM dashboard_counts ORDER BY status, review_track, country')
    .all()
    .map(
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
  const totals = db.prepare<[], Omit<CountRow, 'country'>>('SELECT status, review_track, count FROM case_totals').all();
  for (const row of totals) {
    byStatus[row.status as CaseStatus] = (byStatus[row.status as CaseStatus] ?? 0) + row.count;
    byReviewTrack[row.review_track as ReviewTrack] = (byReviewTrack[row.review_track as ReviewTrack] ?? 0) + row.count;
    cases += row.count;
  }
  const checkpoint = db
    .prepare<[string], { position: string }>('SELECT position FROM projection_checkpoints WHERE projection = ?')
    .get(CASES_PROJECTION);
  return { counts, totals: { byStatus, byReviewTrack, cases }, asOfPosition: checkpoint?.position ?? null };
}

@QueryHandler(GetDashboardQuery)
export class GetDashboardHandler implements IQueryHandler<GetDashboardQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute(): Promise<DashboardView> {
    await this.readModels.refresh();
    return this.readModels.read(readDashboard);
  }
}
