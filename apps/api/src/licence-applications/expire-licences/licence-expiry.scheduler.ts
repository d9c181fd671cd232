import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { calendarDateOf, DomainError } from '@app/domain';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ID_GENERATOR, type IdGenerator } from '../../shared/ids';
import { WorkerLeaseKeeper } from '../../shared/leases/worker-lease-keeper';
import type { WorkerLease } from '../../shared/leases/worker-lease';
import { withLogContext } from '../../shared/logging/log-context';
import { ExpireLicenceCommand } from './expire-licence.command';
import { ExpiryScheduleReadModel } from './expiry-schedule.read-model';
import { LicenceExpiryMetrics } from './licence-expiry.metrics';

export const LICENCE_EXPIRY_ACTOR = 'system:licence-expiry';
const BATCH = 100;
/** Expiry is by calendar date; checking every minute bounds the delay after midnight UTC to a minute. */
const CHECK_EVERY_MS = 60_000;

/**
 * Appends `LicenceExpired` for every licence past its last valid day. The schedule is a durable
 * projection, so a licence that expired while the server was down is expired at the next start-up
 * (the first run happens during bootstrap, before the server accepts requests). Re-running is safe:
 * the case itself refuses to expire twice (LICENCE_NOT_ACTIVE), and two instances racing on one case
 * are serialised by optimistic concurrency. Of several instances only the holder of the `licence-expiry` worker
 * lease runs; the others try to take it at each check.
 */
@Injectable()
export class LicenceExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LicenceExpiry');
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<number> | null = null;
  private readonly lease: WorkerLease;

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly schedule: ExpiryScheduleReadModel,
    private readonly metrics: LicenceExpiryMetrics,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    leases: WorkerLeaseKeeper,
  ) {
    this.lease = leases.lease('licence-expiry');
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runDue();
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => this.logger.error(`Expiry run failed: ${(error as Error).message}`));
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Stops checking and lets a run in flight finish, before the worker leases are given up and the stores close. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight?.catch(() => undefined);
  }

  /**
   * Expires every licence due today; concurrent calls share one run. Answers how many expired (0 when another
   * instance holds the `licence-expiry` lease: that one expires them). Every line the run logs carries its run id.
   */
  runDue(): Promise<number> {
    this.inFlight ??= withLogContext({ expiryRunId: this.ids() }, () => this.measuredRun()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async measuredRun(): Promise<number> {
    if (!(await this.lease.hold())) return 0;
    try {
      const expired = await this.expireDue();
      this.metrics.succeeded(expired);
      if (expired > 0) this.logger.log({ message: `Licence expiry run: ${expired} licences expired`, expired });
      else this.logger.debug('Licence expiry run: nothing due');
      return expired;
    } catch (error) {
      this.metrics.failed();
      throw error;
    }
  }

  private async expireDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const today = calendarDateOf(now);
    const context = { actor: LICENCE_EXPIRY_ACTOR, correlationId: `licence-expiry:${today}`, causationId: null };
    let expired = 0;
    for (;;) {
      const due = await this.schedule.dueExpiries(today, BATCH);
      let progressed = 0;
      for (const { applicationId } of due) {
        if (await this.expire(applicationId, today, context)) progressed += 1;
      }
      expired += progressed;
      // Nothing expired in a full batch: the rest were already expired or revoked and the schedule lags.
      if (due.length < BATCH || progressed === 0) return expired;
      // Lost the lease: its new holder expires the rest.
      if (!this.lease.held) return expired;
    }
  }

  private async expire(applicationId: string, today: string, context: ExpireLicenceCommand['context']): Promise<boolean> {
    try {
      await this.commandBus.execute(new ExpireLicenceCommand(applicationId, today, context));
      return true;
    } catch (error) {
      // Already expired or revoked meanwhile (the schedule is a projection and may lag): nothing to do.
      if (error instanceof DomainError && error.kind === 'conflict') return false;
      throw error;
    }
  }
}
