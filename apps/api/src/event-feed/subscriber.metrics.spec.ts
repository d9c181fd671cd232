import { Metrics } from '../shared/metrics/metrics.service';
import { sampleValue } from '../../../../test/support/metrics-text';
import { SubscriberMetrics } from './subscriber.metrics';
import { SubscriberStats } from './subscriber-stats';

describe('SubscriberMetrics', () => {
  it('shows the SSE and webhook counters as they stand at each scrape', async () => {
    const metrics = new Metrics();
    const stats = new SubscriberStats();
    new SubscriberMetrics(metrics, stats);

    const idle = (await metrics.render()).body;
    expect(sampleValue(idle, 'lcm_sse_streams_open')).toBe(0);
    expect(sampleValue(idle, 'lcm_webhook_deliveries_total', { result: 'succeeded' })).toBe(0);

    Object.assign(stats, {
      streamsOpen: 2,
      streamsOpened: 5,
      streamsRefused: 1,
      streamsCutSlow: 1,
      streamEventsSent: 40,
      webhookDeliveriesSucceeded: 7,
      webhookDeliveriesFailed: 3,
      webhookSubscriptionsPaused: 1,
    });
    const busy = (await metrics.render()).body;
    expect(sampleValue(busy, 'lcm_sse_streams_open')).toBe(2);
    expect(sampleValue(busy, 'lcm_sse_streams_opened_total')).toBe(5);
    expect(sampleValue(busy, 'lcm_sse_streams_refused_total')).toBe(1);
    expect(sampleValue(busy, 'lcm_sse_streams_cut_slow_total')).toBe(1);
    expect(sampleValue(busy, 'lcm_sse_events_sent_total')).toBe(40);
    expect(sampleValue(busy, 'lcm_webhook_deliveries_total', { result: 'succeeded' })).toBe(7);
    expect(sampleValue(busy, 'lcm_webhook_deliveries_total', { result: 'failed' })).toBe(3);
    expect(sampleValue(busy, 'lcm_webhook_subscriptions_paused_total')).toBe(1);

    stats.streamsOpen = 0;
    expect(sampleValue((await metrics.render()).body, 'lcm_sse_streams_open')).toBe(0);
  });
});
