import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import type { GetOfficerWorkloadQuery, OfficerWorkload } from './get-officer-workload.query';

export class OfficerWorkloadResponse implements OfficerWorkload {
  @ApiProperty({ example: 'officer-1', description: "The officer's `sub`" })
  officerId!: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 4, description: 'Assigned cases under review' })
  underReview!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1, description: 'Assigned cases referred to other agencies' })
  referred!: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 5, description: 'Assigned cases still pending (submitted, under review or referred)' })
  open!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 12,
    description: 'Assigned cases decided: approved (including later suspended, revoked or expired), denied, returned, withdrawn',
  })
  decided!: number;
}

/** GET /officers/workload. */
export class OfficerWorkloadListResponse implements QueryResult<GetOfficerWorkloadQuery> {
  @ApiProperty({ type: [OfficerWorkloadResponse], description: 'Officers with at least one assigned case, by officer id' })
  officers!: OfficerWorkloadResponse[];
}
