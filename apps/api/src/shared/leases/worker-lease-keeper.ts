import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { WorkerLeases } from '@app/infra';
import { Metrics } from '../metrics/metrics.service';
import { WorkerLease } from './worker-lease';
import { WORKER_LEASES } from './worker-leases.provider';

/** The names of the workers that take turns across instances. */
export type WorkerName = 'reevaluation' | 'licence-expiry' | 'audit-seal';

/**
 * Hands each worker its {@link WorkerLease} and gives them all up at shutdown: in `beforeApplicationShutdown`, after
 * every worker stopped in `onModuleDestroy` (so no other instance starts while this one still works) and before
 * the stores close (the lease connection is closed here too).
 */
@Injectable()
export class WorkerLeaseKeeper implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerLeases');
  private readonly leases = new Map<WorkerName, WorkerLease>();

  constructor(
    @Inject(WORKER_LEASES) private readonly store: WorkerLeases,
    metrics: Metrics,
  ) {
    const leases = this.leases;
    metrics.gauge({
      name: 'lcm_worker_lease_held',
      help: 'Whether this instance holds the worker lease (1) or another instance does (0)',
      labelNames: ['lease'] as const,
      collect() {
        this.reset();
        for (const [name, lease] of leases) this.set({ lease: name }, lease.held ? 1 : 0);
      },
    });
  }

  lease(name: WorkerName): WorkerLease {
    let lease = this.leases.get(name);
    if (lease === undefined) {
      lease = new WorkerLease(this.store, name, this.logger);
      this.leases.set(name, lease);
    }
    return lease;
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const lease of this.leases.values()) await lease.release().catch(() => undefined);
    await this.store.close().catch((error: unknown) => this.logger.warn(`Closing the worker leases failed: ${String(error)}`));
  }
}
