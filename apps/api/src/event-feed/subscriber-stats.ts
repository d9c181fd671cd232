import { Injectable } from '@nestjs/common';

/**
 * Counters of the push side (SSE streams and webhook deliveries), kept as plain numbers so a metrics exporter can
 * read them without this code depending on one.
 */
@Injectable()
export class SubscriberStats {
  streamsOpen = 0;
  streamsOpened = 0;
  streamsRefused = 0;
  streamsCutSlow = 0;
  streamEventsSent = 0;
  webhookDeliveriesSucceeded = 0;
  webhookDeliveriesFailed = 0;
  webhookSubscriptionsPaused = 0;
}
