import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CountryPolicyModule } from './country-policy/country-policy.module';
import { EventFeedModule } from './event-feed/event-feed.module';
import { HealthController } from './health/health.controller';
import { LicenceApplicationsModule } from './licence-applications/licence-applications.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReevaluationModule } from './reevaluation/reevaluation.module';
import { ReevaluationQueriesModule } from './reevaluation/reevaluation-queries.module';
import { WebhookSubscriptionsModule } from './webhook-subscriptions/webhook-subscriptions.module';
import { IdempotencyModule } from './shared/idempotency/idempotency.module';
import { SharedModule, type SharedModuleOptions } from './shared/shared.module';

@Module({})
export class AppModule {
  static forRoot(options: SharedModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        SharedModule.forRoot(options),
        IdempotencyModule,
        CountryPolicyModule,
        LicenceApplicationsModule,
        ReadModelsModule,
        ReevaluationModule,
        ReevaluationQueriesModule,
        EventFeedModule,
        WebhookSubscriptionsModule,
      ],
      controllers: [HealthController],
    };
  }
}
