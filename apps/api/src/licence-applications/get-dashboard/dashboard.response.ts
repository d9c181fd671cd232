import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import { ApiCount } from '../../shared/http/api-value.decorators';
import type { DashboardCount, DashboardView, GetDashboardQuery } from './get-dashboard.query';

export class DashboardCountResponse implements DashboardCount {
  @ApiProperty({ enum: CASE_STATUSES, example: 'under-review' })
  status!: CaseStatus;

  @ApiProperty({ enum: REVIEW_TRACKS, example: 'policy-of-denial' })
  reviewTrack!: ReviewTrack;

  @ApiProperty({ example: 'VE', description: 'A party country (ISO 3166-1 alpha-2)' })
  country!: string;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'Cases in this status and track with a party in this country' })
  count!: number;
}

const statusTotals = Object.fromEntries(CASE_STATUSES.map((status) => [status, { type: 'integer' as const, minimum: 0 }]));
const trackTotals = Object.fromEntries(REVIEW_TRACKS.map((track) => [track, { type: 'integer' as const, minimum: 0 }]));

export class DashboardTotalsResponse {
  @ApiProperty({
    type: 'object',
    properties: statusTotals,
    example: {
      submitted: 4,
      'under-review': 2,
      referred: 1,
      approved: 1,
      denied: 0,
      'returned-without-action': 0,
      withdrawn: 0,
      suspended: 0,
      revoked: 0,
      expired: 0,
    },
    description: 'Cases per status (each case once; every status listed, 0 included)',
  })
  byStatus!: Record<CaseStatus, number>;

  @ApiProperty({
    type: 'object',
    properties: trackTotals,
    example: { 'policy-of-denial': 3, 'case-by-case': 5 },
    description: 'Cases per review track (each case once)',
  })
  byReviewTrack!: Record<ReviewTrack, number>;

  @ApiCount(8, 'All cases')
  cases!: number;
}

/** GET /dashboard. */
export class DashboardResponse implements QueryResult<GetDashboardQuery>, DashboardView {
  @ApiProperty({
    type: [DashboardCountResponse],
    description: 'Non-zero counts by status, review track and party country; a case counts once in each of its countries',
  })
  counts!: DashboardCountResponse[];

  @ApiProperty({ type: DashboardTotalsResponse })
  totals!: DashboardTotalsResponse;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '142',
    description: 'The global log position the counts reflect (opaque); null before the first event',
  })
  asOfPosition!: string | null;
}
