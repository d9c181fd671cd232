import { Query } from '@nestjs/cqrs';
import type { CaseStatus, ReviewTrack } from '@app/domain';
import type { ApplicationCursor } from './application-cursor';

/** One case in the list. */
export interface ApplicationListItem {
  id: string;
  status: CaseStatus;
  reviewTrack: ReviewTrack;
  assignee: string | null;
  licenceType: string;
  applicantName: string;
  valueUsd: number;
  countries: string[];
  submittedAt: string;
  lastChangedAt: string;
  validUntil: string | null;
  /** Flagged for a supervisor's §126.7 review by a §126.1 tightening, and neither suspended nor revoked since. */
  flaggedForReview: boolean;
  revision: number;
}

export interface ApplicationListView {
  items: ApplicationListItem[];
  nextCursor: string | null;
}

export interface ApplicationFilters {
  readonly status?: CaseStatus;
  readonly country?: string;
  readonly reviewTrack?: ReviewTrack;
  readonly assignee?: string;
  /** Only the licences flagged for review (true), or only the others (false). */
  readonly flagged?: boolean;
}

export class ListApplicationsQuery extends Query<ApplicationListView> {
  constructor(
    readonly filters: ApplicationFilters,
    readonly limit: number,
    readonly after: ApplicationCursor | null,
  ) {
    super();
  }
}
