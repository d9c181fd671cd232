import { Query } from '@nestjs/cqrs';
import type { CaseStatus, ReviewTrack } from '@app/domain';

export interface DashboardCount {
  status: CaseStatus;
  reviewTrack: ReviewTrack;
  country: string;
  count: number;
}

export interface DashboardView {
  counts: DashboardCount[];
  totals: {
    byStatus: Record<CaseStatus, number>;
    byReviewTrack: Record<ReviewTrack, number>;
    cases: number;
  };
  /** The position the counts reflect: the case projection's checkpoint. */
  asOfPosition: string | null;
}

export class GetDashboardQuery extends Query<DashboardView> {}
