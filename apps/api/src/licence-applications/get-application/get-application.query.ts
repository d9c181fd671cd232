import { Query } from '@nestjs/cqrs';
import type { CaseView } from '../case-view/case-view';

export class GetApplicationQuery extends Query<CaseView> {
  constructor(
    readonly applicationId: string,
    /** ISO instant: the case as recorded at that instant. */
    readonly asOf?: string,
  ) {
    super();
  }
}
