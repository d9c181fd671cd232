import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AggregateRepository } from '@app/infra';
import { loadCaseView } from '../case-view/load-case';
import type { CaseView } from '../case-view/case-view';
import { GetApplicationQuery } from './get-application.query';

/** Folds the case's own stream (up to `asOf` when given): always current, and exact for audits. */
@QueryHandler(GetApplicationQuery)
export class GetApplicationHandler implements IQueryHandler<GetApplicationQuery> {
  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  execute(query: GetApplicationQuery): Promise<CaseView> {
    return loadCaseView(this.repository, query.applicationId, query.asOf);
  }
}
