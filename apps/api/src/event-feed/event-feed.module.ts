import { Module } from '@nestjs/common';
import { EventContractsController } from './contracts/event-contracts.http.controller';
import { PublicEventFeed } from './public-event-feed';
import { ReadEventsController } from './read-events/read-events.http.controller';
import { StreamAdmission } from './stream-events/stream-admission';
import { StreamEventsController } from './stream-events/stream-events.http.controller';
import { SubscriberMetrics } from './subscriber.metrics';
import { SubscriberStats } from './subscriber-stats';

/**
 * The subscribers' side (docs/consumers.md): the public events as CloudEvents, pulled (GET /events) or streamed
 * (GET /events/stream), and their contract documents (GET /schemas, GET /asyncapi.json).
 */
@Module({
  controllers: [ReadEventsController, StreamEventsController, EventContractsController],
  providers: [PublicEventFeed, SubscriberStats, SubscriberMetrics, StreamAdmission],
  exports: [PublicEventFeed, SubscriberStats],
})
export class EventFeedModule {}
