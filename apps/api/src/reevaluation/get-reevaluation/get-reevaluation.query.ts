import { Query } from '@nestjs/cqrs';
import type { ReevaluationRunView } from '../reevaluation-runs/reevaluation-runs.read-model';

export class GetReevaluationQuery extends Query<ReevaluationRunView> {
  constructor(readonly reevaluationId: string) {
    super();
  }
}
