import { Module } from '@nestjs/common';
import { EventFeedModule } from '../event-feed/event-feed.module';
import { CreateSubscriptionController } from './create-subscription/create-subscription.http.controller';
import { DeleteSubscriptionController } from './delete-subscription/delete-subscription.http.controller';
import { ListDeliveriesController } from './list-deliveries/list-deliveries.http.controller';
import { ResumeSubscriptionController } from './resume-subscription/resume-subscription.http.controller';
import { subscriptionRepositoryProvider, SubscriptionRepositoryLifecycle } from './subscription.repository.provider';
import { ViewSubscriptionsController } from './view-subscriptions/view-subscriptions.http.controller';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Webhooks (docs/consumers.md): subscriptions, their signed at-least-once deliveries and the delivery log. */
@Module({
  imports: [EventFeedModule],
  controllers: [
    CreateSubscriptionController,
    ViewSubscriptionsController,
    ResumeSubscriptionController,
    DeleteSubscriptionController,
    ListDeliveriesController,
  ],
  providers: [subscriptionRepositoryProvider, SubscriptionRepositoryLifecycle, WebhookDispatcher],
})
export class WebhookSubscriptionsModule {}
