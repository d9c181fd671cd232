import { Module } from '@nestjs/common';
import { ReevaluationModule } from '../reevaluation/reevaluation.module';
import { HealthController } from './health.controller';
import { HealthMetrics } from './health.metrics';
import { ProbesController } from './probes.http.controller';
import { Readiness } from './readiness';
import { StateStoreHealth } from './state-store-health';

/** GET /health (the detailed view), the liveness and readiness probes, and the gauges read at each scrape. */
@Module({
  imports: [ReevaluationModule],
  controllers: [HealthController, ProbesController],
  providers: [Readiness, HealthMetrics, StateStoreHealth],
})
export class HealthModule {}
