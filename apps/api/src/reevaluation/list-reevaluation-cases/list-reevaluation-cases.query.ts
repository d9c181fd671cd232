import { Query } from '@nestjs/cqrs';
import type { ReevaluatedCaseFilters, ReevaluatedCasePage } from '../reevaluation-runs/reevaluation-runs.read-model';

export class ListReevaluationCasesQuery extends Query<ReevaluatedCasePage> {
  constructor(
    readonly reevaluationId: string,
    readonly filters: ReevaluatedCaseFilters,
    readonly limit: number,
    /** The previous page's last application id; null for the first page. */
    readonly afterApplicationId: string | null,
  ) {
    super();
  }
}
