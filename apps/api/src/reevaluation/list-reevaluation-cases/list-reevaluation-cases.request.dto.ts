import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REEVALUATION_OUTCOMES, type ReevaluationOutcome } from '@app/domain';
import { PageRequest } from '../../shared/http/page-request';

/** The query string of GET /reevaluations/:id/cases. Unknown parameters are refused, like unknown body fields. */
export class ListReevaluationCasesRequest extends PageRequest {
  @ApiPropertyOptional({ enum: REEVALUATION_OUTCOMES, description: 'Only cases with this outcome' })
  @IsOptional()
  @IsIn(REEVALUATION_OUTCOMES, { message: `outcome must be one of ${REEVALUATION_OUTCOMES.join(', ')}` })
  outcome?: ReevaluationOutcome;
}
