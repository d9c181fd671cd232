import { Injectable } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
  type Metric,
} from 'prom-client';

/** Latency buckets in seconds, from a fast SQLite append (~1 ms) to a request stuck behind a busy store (5 s+). */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The application's Prometheus registry (one per application, so two apps in one process never share figures).
 * A feature registers its own metric with one call, e.g.
 * `private readonly delivered = metrics.counter({ name: 'lcm_webhook_deliveries_total', help: '…', labelNames: ['result'] })`.
 * Asking twice for one name returns the metric registered first. Labels carry no case or personal data: only
 * route templates, methods, statuses, projection names and fixed enumerations.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing(config.name) ?? new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing(config.name) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing(config.name) ?? new Histogram({ ...config, registers: [this.registry] });
  }

  /** The exposition: the text format Prometheus scrapes, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private existing<M extends Metric>(name: string): M | undefined {
    return this.registry.getSingleMetric(name) as M | undefined;
  }
}

/** Wall-clock seconds for `*_timestamp_seconds` gauges: Prometheus compares them with time(), not the app's clock. */
export function unixSeconds(): number {
  return Date.now() / 1000;
}
