import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { REEVALUATION_OUTCOMES, type ReevaluationOutcome } from '@app/domain';
import type { ReevaluatedCaseView } from '../reevaluation-runs/reevaluation-runs.read-model';
import type { ListReevaluationCasesQuery } from './list-reevaluation-cases.query';

/** One case a run accounted for (OpenAPI documentation of {@link ReevaluatedCaseView}). */
export class ReevaluatedCaseResponse implements ReevaluatedCaseView {
  @ApiProperty({ format: 'uuid', example: '7c501e6f-22ff-4371-84e7-3b31bfa7c011', description: 'The application id' })
  applicationId!: string;

  @ApiProperty({
    enum: REEVALUATION_OUTCOMES,
    example: 'unchanged',
    description:
      '`changed`: its review track changed (ReviewTrackChanged); `revised`: same track, but a determination, ' +
      'citation, policy version or flag changed (DeterminationsRevised); `unchanged`: re-determined, nothing changed ' +
      '(the case records nothing); `flagged`: a live licence flagged for review on a tightening or a narrowed ' +
      'paragraph; `not-affected`: decided (or ' +
      'its licence ended) before the run reached it',
  })
  outcome!: ReevaluationOutcome;

  @ApiProperty({
    example: false,
    description: 'Caught after the run\'s own pass: submitted concurrently with the change on the outdated policy version',
  })
  late!: boolean;
}

/** GET /reevaluations/{id}/cases. */
export class ReevaluatedCaseListResponse implements QueryResult<ListReevaluationCasesQuery> {
  @ApiProperty({ type: [ReevaluatedCaseResponse], description: 'By application id' })
  items!: ReevaluatedCaseResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'WyJjYXNlcyIsIjdjNTAxZTZmLTIyZmYtNDM3MS04NGU3LTNiMzFiZmE3YzAxMSJd',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
