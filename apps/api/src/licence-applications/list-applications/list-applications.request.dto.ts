import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO31661Alpha2, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsPlainIdentifier } from '../../shared/http/validators';
import { CASE_STATUSES, REVIEW_TRACKS, type CaseStatus, type ReviewTrack } from '@app/domain';
import { upperCase } from '../../shared/http/string-transforms';
import { PageRequest } from '../../shared/http/page-request';


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
export class ListApplicationsRequest extends PageRequest {
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
  @IsPlainIdentifier()
  assignee?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only licences flagged for a §126.7 review (and not suspended or revoked since); false: only the others',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'flagged must be true or false' })
  flagged?: boolean;
}
