import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CASE_STATUSES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import { upperCase } from '../../shared/http/string-transforms';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/**
 * A query-string boolean: exactly `true` or `false`. Anything else (`1`, `yes`, an empty or repeated parameter)
 * passes through untouched, so `@IsBoolean` refuses it instead of it silently meaning false.
 */
const queryBoolean = ({ value }: { value: unknown }): unknown => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
};

/** The query string of GET /applications. Unknown parameters are refused, like unknown body fields. */
export class ListApplicationsRequest {
  @ApiPropertyOptional({ enum: CASE_STATUSES, description: 'Only cases in this status' })
  @IsOptional()
  @IsIn(CASE_STATUSES, { message: `status must be one of ${CASE_STATUSES.join(', ')}` })
  status?: CaseStatus;

  @ApiPropertyOptional({ example: 'KH', description: 'Only cases with a party in this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: REVIEW_TRACKS, description: 'Only cases on this review track' })
  @IsOptional()
  @IsIn(REVIEW_TRACKS, { message: `reviewTrack must be one of ${REVIEW_TRACKS.join(', ')}` })
  reviewTrack?: ReviewTrack;

  @ApiPropertyOptional({ example: 'officer-1', description: 'Only cases assigned to this officer (`sub`)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only licences flagged for a §126.7 review (and not suspended or revoked since); false: only the others',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  cursor?: string;
}
