import { Query } from '@nestjs/cqrs';
import type { ReevaluationRunFilters, ReevaluationRunPage } from '../reevaluation-runs/reevaluation-runs.read-model';

export class ListReevaluationsQuery extends Query<ReevaluationRunPage> {
  constructor(
    readonly filters: ReevaluationRunFilters,
    readonly limit: number,
    /** The `seq` of the previous page's last run; null for the first page. */
    readonly afterSeq: number | null,
  ) {
    super();
  }
}
