import { Injectable } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import { Metrics } from '../shared/metrics/metrics.service';
import { SubscriberStats } from './subscriber-stats';

/**
 * Exposes the push side's counters ({@link SubscriberStats}: SSE streams and webhook deliveries) on /metrics. They
 * are read at scrape time, so the streaming and delivery code keeps counting plain numbers.
 */
@Injectable()
export class SubscriberMetrics {
  constructor(metrics: Metrics, stats: SubscriberStats) {
    const counter = (name: string, help: string, read: () => number): void => {
      metrics.counter({
        name,
        help,
        collect(this: Counter) {
          this.reset();
          this.inc(read());
        },
      });
    };
    metrics.gauge({
      name: 'lcm_sse_streams_open',
      help: 'Server-Sent Events streams open now',
      collect(this: Gauge) {
        this.set(stats.streamsOpen);
      },
    });
    counter('lcm_sse_streams_opened_total', 'SSE streams accepted', () => stats.streamsOpened);
    counter('lcm_sse_streams_refused_total', 'SSE streams refused by the stream limits (429 or 503)', () => stats.streamsRefused);
    counter('lcm_sse_streams_cut_slow_total', 'SSE streams cut off because the client did not keep up', () => stats.streamsCutSlow);
    counter('lcm_sse_events_sent_total', 'Events written to SSE streams', () => stats.streamEventsSent);
    metrics.counter({
      name: 'lcm_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result',
      labelNames: ['result'] as const,
      collect(this: Counter<'result'>) {
        this.reset();
        this.inc({ result: 'succeeded' }, stats.webhookDeliveriesSucceeded);
        this.inc({ result: 'failed' }, stats.webhookDeliveriesFailed);
      },
    });
    counter('lcm_webhook_subscriptions_paused_total', 'Subscriptions paused after repeated delivery failures', () => stats.webhookSubscriptionsPaused);
  }
}
