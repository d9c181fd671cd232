import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReevaluationRunsReadModel, type ReevaluationRunView } from '../reevaluation-runs/reevaluation-runs.read-model';
import { GetReevaluationQuery } from './get-reevaluation.query';

/** One run from the `reevaluations` projection; 404 REEVALUATION_NOT_FOUND when there is none. */
@QueryHandler(GetReevaluationQuery)
export class GetReevaluationHandler implements IQueryHandler<GetReevaluationQuery> {
  constructor(private readonly runs: ReevaluationRunsReadModel) {}

  execute(query: GetReevaluationQuery): Promise<ReevaluationRunView> {
    return this.runs.run(query.reevaluationId);
  }
}
