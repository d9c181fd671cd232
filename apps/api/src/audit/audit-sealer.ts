import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { appendSeal, AUDIT_SEAL_STREAM, type EventStore, type SealOutcome } from '@app/infra';
import { CLOCK, type Clock } from '../shared/clock/clock';
import { EVENT_STORE } from '../shared/event-store/event-store.providers';
import { ID_GENERATOR, type IdGenerator } from '../shared/ids';
import { WorkerLeaseKeeper } from '../shared/leases/worker-lease-keeper';
import type { WorkerLease } from '../shared/leases/worker-lease';
import { sealIntervalMs } from './audit-config';

/**
 * Seals the log periodically (AUDIT_SEAL_INTERVAL_SECONDS) and on demand. A seal is its own append to the seal
 * stream, made off the request path of every command, so no command ever waits for it or pays a second fsync.
 * A period with nothing new appends nothing. Seals are serialised in this process; across processes the seal
 * stream's expected revision decides. Of several instances only the holder of the `audit-seal` worker lease seals
 * periodically (one seal per period, not one per instance); an on-demand seal is made by the instance asked.
 */
@Injectable()
export class AuditSealer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AuditSeal');
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly lease: WorkerLease;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    leases: WorkerLeaseKeeper,
  ) {
    this.lease = leases.lease('audit-seal');
  }

  onApplicationBootstrap(): void {
    const interval = sealIntervalMs();
    if (interval === 0) return;
    this.timer = setInterval(() => {
      this.sealPeriodically().catch((error: unknown) => this.logger.error(`Periodic seal failed: ${(error as Error).message}`));
    }, interval);
    this.timer.unref();
  }

  /** Stops sealing and lets a seal in flight finish, before the worker leases are given up and the stores close. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  private async sealPeriodically(): Promise<void> {
    if (!(await this.lease.hold())) return;
    // A lease taken over from an instance that died just after sealing: that period is sealed already. A little
    // under the interval, so the holder's own timer firing early by a few milliseconds still seals.
    if ((await this.msSinceLastSeal()) < sealIntervalMs() * 0.9) return;
    await this.seal('periodic', null, `audit-seal:${this.clock.now().toISOString()}`);
  }

  private async msSinceLastSeal(): Promise<number> {
    const [last] = await this.store.readStream(AUDIT_SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
    const sealedAt = last === undefined ? Number.NaN : Date.parse(String(last.data.sealedAt));
    return Number.isNaN(sealedAt) ? Number.POSITIVE_INFINITY : this.clock.now().getTime() - sealedAt;
  }

  seal(reason: 'periodic' | 'on-demand', requestedBy: string | null, correlationId: string): Promise<SealOutcome> {
    const run = this.chain.catch(() => undefined).then(() =>
      appendSeal(this.store, { reason, requestedBy, correlationId, now: () => this.clock.now(), newId: this.ids }),
    );
    this.chain = run;
    return run;
  }
}
