import { Module } from '@nestjs/common';
import { CountryPolicyModule } from '../country-policy/country-policy.module';
import { CaseReevaluator } from './run-reevaluations/case-reevaluator';
import { ReevaluationBatchRecorder } from './run-reevaluations/reevaluation-batch.recorder';
import { ReevaluationMetrics } from './run-reevaluations/reevaluation.metrics';
import { ReevaluationProcessManager } from './run-reevaluations/reevaluation.process-manager';
import { ReevaluationRunExecutor } from './run-reevaluations/reevaluation-run.executor';
import { ReevaluationWorkReadModel } from './run-reevaluations/reevaluation-work.read-model';
import { StaleSubmissionCatcher } from './run-reevaluations/stale-submission.catcher';

/** The re-evaluation process manager: runs every §126.1 change over the pending cases it concerns. */
@Module({
  imports: [CountryPolicyModule],
  providers: [
    ReevaluationWorkReadModel,
    ReevaluationMetrics,
    CaseReevaluator,
    ReevaluationBatchRecorder,
    ReevaluationRunExecutor,
    StaleSubmissionCatcher,
    ReevaluationProcessManager,
  ],
  exports: [ReevaluationProcessManager],
})
export class ReevaluationModule {}
