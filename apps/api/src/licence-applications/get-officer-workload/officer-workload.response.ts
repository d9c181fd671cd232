import { type QueryResult } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { ApiCount } from '../../shared/http/api-value.decorators';
import type { GetOfficerWorkloadQuery, OfficerWorkload } from './get-officer-workload.query';

export class OfficerWorkloadResponse implements OfficerWorkload {
  @ApiProperty({ example: 'officer-1', description: "The officer's `sub`" })
  officerId!: string;

  @ApiCount(4, 'Assigned cases under review')
  underReview!: number;

  @ApiCount(1, 'Assigned cases referred to other agencies')
  referred!: number;

  @ApiCount(5, 'Assigned cases still pending (submitted, under review or referred)')
  open!: number;

  @ApiCount(12, 'Assigned cases decided: approved (including later suspended, revoked or expired), denied, returned, withdrawn')
  decided!: number;
}

/** GET /officers/workload. */
export class OfficerWorkloadListResponse implements QueryResult<GetOfficerWorkloadQuery> {
  @ApiProperty({ type: [OfficerWorkloadResponse], description: 'Officers with at least one assigned case, by officer id' })
  officers!: OfficerWorkloadResponse[];
}
