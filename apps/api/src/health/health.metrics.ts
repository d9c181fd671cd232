import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventStore } from '@app/infra';
import type { Gauge, GaugeConfiguration } from 'prom-client';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { Metrics } from '../shared/metrics/metrics.service';
import { ReadModels } from '../shared/read-models/read-models.service';
import { ReevaluationProcessManager } from '../reevaluation/run-reevaluations/reevaluation.process-manager';

/**
 * Gauges read when Prometheus scrapes: the log's last position, each projection's checkpoint and lag, and the
 * re-evaluation backlog. A figure that cannot be read is left out of that scrape (and logged at debug), never faked.
 * Positions are plotted only when the store's tokens are numbers (SQLite's are); they are opaque otherwise.
 */
@Injectable()
export class HealthMetrics {
  private readonly logger = new Logger('HealthMetrics');

  constructor(
    metrics: Metrics,
    @Inject(EVENT_STORE) store: EventStore,
    readModels: ReadModels,
    reevaluation: ReevaluationProcessManager,
  ) {
    const logger = this.logger;
    // `collect` runs with the gauge as `this`, hence the logger captured above.
    const scraped = <L extends string>(
      config: Pick<GaugeConfiguration<L>, 'name' | 'help' | 'labelNames'>,
      what: string,
      read: (gauge: Gauge<L>) => unknown,
    ) =>
      metrics.gauge<L>({
        ...config,
        async collect() {
          this.reset();
          try {
            await read(this);
          } catch (error) {
            logger.debug(`${what} unavailable for metrics: ${(error as Error).message}`);
          }
        },
      });
    scraped({ name: 'lcm_event_store_last_position', help: 'Global position of the last event in the log' }, 'Event store position', async (gauge) => {
      const position = numeric(await store.lastPosition());
      if (position !== null) gauge.set(position);
    });
    // One read of the lags serves both gauges of a scrape (the registry collects them concurrently).
    let pendingLag: ReturnType<ReadModels['lag']> | null = null;
    const lagOnce = () =>
      (pendingLag ??= readModels.lag().finally(() => {
        pendingLag = null;
      }));
    scraped(
      {
        name: 'lcm_projection_position',
        help: "Global position of the projection's checkpoint (0 before its first event)",
        labelNames: ['projection'] as const,
      },
      'Projection position',
      async (gauge) => {
        for (const lag of await lagOnce()) gauge.set({ projection: lag.name }, numeric(lag.position) ?? 0);
      },
    );
    scraped(
      {
        name: 'lcm_projection_lag_events',
        help: "Events of the projection's categories after its checkpoint (capped at 10000)",
        labelNames: ['projection'] as const,
      },
      'Projection lag',
      async (gauge) => {
        for (const lag of await lagOnce()) gauge.set({ projection: lag.name }, lag.eventsBehind);
      },
    );
    scraped(
      {
        name: 'lcm_reevaluation_runs',
        help: 'Re-evaluation runs not completed, by state (running, due: their day has come, scheduled: a later day)',
        labelNames: ['state'] as const,
      },
      'Re-evaluation backlog',
      async (gauge) => {
        const backlog = await reevaluation.backlog();
        for (const state of ['running', 'due', 'scheduled'] as const) gauge.set({ state }, backlog[state]);
      },
    );
    metrics.gauge({
      name: 'lcm_reevaluation_failing',
      help: "1 while the re-evaluation process manager's last tick failed, else 0",
      collect() {
        this.set(reevaluation.lastTickError === null ? 0 : 1);
      },
    });
  }
}

function numeric(position: string | null): number | null {
  return position !== null && /^\d{1,15}$/.test(position) ? Number(position) : null;
}
