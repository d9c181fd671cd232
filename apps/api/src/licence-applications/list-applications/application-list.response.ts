import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATUSES, LICENCE_TYPES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import { ApiCount, ApiNullableDate } from '../../shared/http/api-value.decorators';
import type { ApplicationListItem, ListApplicationsQuery } from './list-applications.query';

/** One case in GET /applications (OpenAPI documentation of {@link ApplicationListItem}). */
export class ApplicationListItemResponse implements ApplicationListItem {
  @ApiProperty({ format: 'uuid', example: '7c501e6f-22ff-4371-84e7-3b31bfa7c011', description: 'The application id' })
  id!: string;

  @ApiProperty({ enum: CASE_STATUSES, example: 'under-review' })
  status!: CaseStatus;

  @ApiProperty({ enum: REVIEW_TRACKS, example: 'case-by-case' })
  reviewTrack!: ReviewTrack;

  @ApiProperty({ type: String, nullable: true, example: 'officer-1', description: 'The assigned officer (`sub`); null until assigned' })
  assignee!: string | null;

  @ApiProperty({ enum: LICENCE_TYPES, example: 'DSP-5' })
  licenceType!: string;

  @ApiProperty({ example: 'Acme Defense Systems LLC' })
  applicantName!: string;

  @ApiProperty({ example: 250000, description: 'Value in US dollars' })
  valueUsd!: number;

  @ApiProperty({ type: [String], example: ['KH', 'VE'], description: 'The distinct party countries, sorted' })
  countries!: string[];

  @ApiProperty({ format: 'date-time', example: '2025-11-10T12:00:00.000Z' })
  submittedAt!: string;

  @ApiProperty({ format: 'date-time', example: '2025-11-12T09:30:00.000Z', description: "When the case's last event was recorded" })
  lastChangedAt!: string;

  @ApiNullableDate(null, 'Last valid day of an approved licence')
  validUntil!: string | null;

  @ApiProperty({
    example: false,
    description:
      'A §126.1 tightening flagged the licence for a supervisor to review under 22 CFR §126.7, and it has been ' +
      'neither suspended nor revoked since',
  })
  flaggedForReview!: boolean;

  @ApiCount(2, "The case's revision, as GET /applications/{id} gives it in its ETag")
  revision!: number;
}

/** GET /applications. */
export class ApplicationListResponse implements QueryResult<ListApplicationsQuery> {
  @ApiProperty({ type: [ApplicationListItemResponse], description: 'Newest first (submittedAt, then id, descending)' })
  items!: ApplicationListItemResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'WyIyMDI1LTExLTEwVDEyOjAwOjAwLjAwMFoiLCI3YzUwMWU2ZiJd',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
