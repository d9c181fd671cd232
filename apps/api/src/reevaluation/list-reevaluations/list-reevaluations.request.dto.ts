import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { upperCase } from '../../shared/http/string-transforms';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../reevaluation-cursors';
import { REEVALUATION_RUN_STATUSES, type ReevaluationRunStatus } from '../reevaluation-runs.read-model';

/** The query string of GET /reevaluations. Unknown parameters are refused, like unknown body fields. */
export class ListReevaluationsRequest {
  @ApiPropertyOptional({ example: 'KH', description: 'Only runs triggered by a change of this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: REEVALUATION_RUN_STATUSES, description: 'Only runs in this status' })
  @IsOptional()
  @IsIn(REEVALUATION_RUN_STATUSES, { message: `status must be one of ${REEVALUATION_RUN_STATUSES.join(', ')}` })
  status?: ReevaluationRunStatus;

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
