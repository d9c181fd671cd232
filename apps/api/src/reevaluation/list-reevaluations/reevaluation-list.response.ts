import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ReevaluationRunResponse } from '../reevaluation-run.response';
import type { ListReevaluationsQuery } from './list-reevaluations.query';

/** GET /reevaluations. */
export class ReevaluationListResponse implements QueryResult<ListReevaluationsQuery> {
  @ApiProperty({ type: [ReevaluationRunResponse], description: 'Newest first (the order their changes were recorded, latest first)' })
  items!: ReevaluationRunResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'WyJydW5zIiw0Ml0',
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}
