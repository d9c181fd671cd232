import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { CountryPolicyModule } from './country-policy/country-policy.module';
import { HealthModule } from './health/health.module';
import { EventFeedModule } from './event-feed/event-feed.module';
import { LicenceApplicationsModule } from './licence-applications/licence-applications.module';
import { ReadModelsModule } from './shared/read-models/read-models.module';
import { ReevaluationModule } from './reevaluation/reevaluation.module';
import { ReevaluationQueriesModule } from './reevaluation/reevaluation-queries.module';
import { WebhookSubscriptionsModule } from './webhook-subscriptions/webhook-subscriptions.module';
import { IdempotencyModule } from './shared/idempotency/idempotency.module';
import { LoggingModule } from './shared/logging/logging.module';
import { MetricsModule } from './shared/metrics/metrics.module';
import { loadOperationsConfig } from './shared/operations/operations-config';
import { SharedModule, type SharedModuleOptions } from './shared/shared.module';

@Module({})
export class AppModule {
  static forRoot(options: SharedModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        LoggingModule.forRoot(options.operations ?? loadOperationsConfig({}), options.logDestination),
        MetricsModule,
        SharedModule.forRoot(options),
        IdempotencyModule,
        CountryPolicyModule,
        LicenceApplicationsModule,
        ReadModelsModule,
        ReevaluationModule,
        ReevaluationQueriesModule,
        HealthModule,
        AuditModule,
        EventFeedModule,
        WebhookSubscriptionsModule,
      ],
    };
  }
}
