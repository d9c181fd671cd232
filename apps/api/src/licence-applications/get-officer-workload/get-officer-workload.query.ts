import { Query } from '@nestjs/cqrs';

export interface OfficerWorkload {
  officerId: string;
  underReview: number;
  referred: number;
  /** Pending cases: submitted, under review or referred. */
  open: number;
  /** Decided cases: approved (and later suspended, revoked or expired), denied, returned without action, withdrawn. */
  decided: number;
}

export class GetOfficerWorkloadQuery extends Query<{ officers: OfficerWorkload[] }> {
  constructor(readonly officerId?: string) {
    super();
  }
}
