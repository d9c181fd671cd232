import { Module } from '@nestjs/common';
import { GetReevaluationController } from './get-reevaluation/get-reevaluation.http.controller';
import { GetReevaluationHandler } from './get-reevaluation/get-reevaluation.handler';
import { ListReevaluationCasesController } from './list-reevaluation-cases/list-reevaluation-cases.http.controller';
import { ListReevaluationCasesHandler } from './list-reevaluation-cases/list-reevaluation-cases.handler';
import { ListReevaluationsController } from './list-reevaluations/list-reevaluations.http.controller';
import { ListReevaluationsHandler } from './list-reevaluations/list-reevaluations.handler';
import { ReevaluationRunsReadModel } from './reevaluation-runs/reevaluation-runs.read-model';

/**
 * Reading re-evaluation runs: GET /reevaluations, GET /reevaluations/:id and GET /reevaluations/:id/cases, served
 * from the `reevaluations` projection (ReadModels comes from the global ReadModelsModule).
 */
@Module({
  controllers: [ListReevaluationsController, GetReevaluationController, ListReevaluationCasesController],
  providers: [ReevaluationRunsReadModel, GetReevaluationHandler, ListReevaluationsHandler, ListReevaluationCasesHandler],
})
export class ReevaluationQueriesModule {}
