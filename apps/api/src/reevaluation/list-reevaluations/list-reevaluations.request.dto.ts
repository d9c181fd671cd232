import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsOptional } from 'class-validator';
import { upperCase } from '../../shared/http/string-transforms';
import { REEVALUATION_RUN_STATUSES, type ReevaluationRunStatus } from '../reevaluation-runs/reevaluation-runs.read-model';
import { PageRequest } from '../../shared/http/page-request';

/** The query string of GET /reevaluations. Unknown parameters are refused, like unknown body fields. */
export class ListReevaluationsRequest extends PageRequest {
  @ApiPropertyOptional({ example: 'KH', description: 'Only runs triggered by a change of this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @Transform(upperCase)
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: REEVALUATION_RUN_STATUSES, description: 'Only runs in this status' })
  @IsOptional()
  @IsIn(REEVALUATION_RUN_STATUSES, { message: `status must be one of ${REEVALUATION_RUN_STATUSES.join(', ')}` })
  status?: ReevaluationRunStatus;
}
