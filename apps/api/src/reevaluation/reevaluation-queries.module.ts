import { Module } from '@nestjs/common';

/** Reading re-evaluation runs: GET /reevaluations/:id and friends. */
@Module({
  controllers: [],
  providers: [],
})
export class ReevaluationQueriesModule {}
