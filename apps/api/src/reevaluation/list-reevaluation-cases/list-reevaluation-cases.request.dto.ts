import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { REEVALUATION_OUTCOMES, type ReevaluationOutcome } from '@app/domain';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../reevaluation-cursors';

/** The query string of GET /reevaluations/:id/cases. Unknown parameters are refused, like unknown body fields. */
export class ListReevaluationCasesRequest {
  @ApiPropertyOptional({ enum: REEVALUATION_OUTCOMES, description: 'Only cases with this outcome' })
  @IsOptional()
  @IsIn(REEVALUATION_OUTCOMES, { message: `outcome must be one of ${REEVALUATION_OUTCOMES.join(', ')}` })
  outcome?: ReevaluationOutcome;

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
