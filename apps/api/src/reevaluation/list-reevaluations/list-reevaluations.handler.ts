import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReevaluationRunsReadModel, type ReevaluationRunPage } from '../reevaluation-runs/reevaluation-runs.read-model';
import { ListReevaluationsQuery } from './list-reevaluations.query';

/** A page of runs from the `reevaluations` projection, newest first. */
@QueryHandler(ListReevaluationsQuery)
export class ListReevaluationsHandler implements IQueryHandler<ListReevaluationsQuery> {
  constructor(private readonly runs: ReevaluationRunsReadModel) {}

  execute(query: ListReevaluationsQuery): Promise<ReevaluationRunPage> {
    return this.runs.list(query.filters, query.limit, query.afterSeq);
  }
}
