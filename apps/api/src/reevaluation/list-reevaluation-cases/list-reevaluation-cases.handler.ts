import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReevaluationRunsReadModel, type ReevaluatedCasePage } from '../reevaluation-runs/reevaluation-runs.read-model';
import { ListReevaluationCasesQuery } from './list-reevaluation-cases.query';

/** A page of the cases a run accounted for; 404 REEVALUATION_NOT_FOUND when there is no such run. */
@QueryHandler(ListReevaluationCasesQuery)
export class ListReevaluationCasesHandler implements IQueryHandler<ListReevaluationCasesQuery> {
  constructor(private readonly runs: ReevaluationRunsReadModel) {}

  execute(query: ListReevaluationCasesQuery): Promise<ReevaluatedCasePage> {
    return this.runs.cases(query.reevaluationId, query.filters, query.limit, query.afterApplicationId);
  }
}
