import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { calendarDateOf } from '@app/domain';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { WorkerLeaseKeeper } from '../../shared/leases/worker-lease-keeper';
import type { WorkerLease } from '../../shared/leases/worker-lease';
import { ReevaluationMetrics } from './reevaluation.metrics';
import { ReevaluationRunExecutor } from './reevaluation-run.executor';
import { ReevaluationWorkReadModel, type ReevaluationBacklog } from './reevaluation-work.read-model';
import { StaleSubmissionCatcher } from './stale-submission.catcher';

/** How often the process manager looks for due runs and stale submissions. */
export const REEVALUATION_TICK_MS = 500;
const DUE_BATCH = 50;

/**
 * The re-evaluation process manager (docs/reevaluation.md). It works from durable state (the `reevaluations`
 * projection and each run's stream), never Nest's in-memory event bus, so a run cut short by a crash, or a
 * future-dated change whose day came during downtime, is picked up at the next tick. Ticks never overlap; shutdown
 * lets the current batch finish. Of several instances on one store only the holder of the `reevaluation` worker
 * lease ticks; the others try to take it at every tick, so one of them carries on when the holder dies.
 */
@Injectable()
export class ReevaluationProcessManager implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reevaluation');
  private timer: NodeJS.Timeout | null = null;
  /** The last tick queued: ticks run one at a time. */
  private tail: Promise<void> = Promise.resolve();
  /** A tick asked for while one runs: later callers join it. */
  private queued: Promise<void> | null = null;
  private stopping = false;
  private lastError: string | null = null;
  private readonly lease: WorkerLease;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly work: ReevaluationWorkReadModel,
    private readonly executor: ReevaluationRunExecutor,
    private readonly stale: StaleSubmissionCatcher,
    private readonly metrics: ReevaluationMetrics,
    leases: WorkerLeaseKeeper,
  ) {
    this.lease = leases.lease('reevaluation');
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /**
   * Stops ticking and lets the current batch finish. Nest calls every `onModuleDestroy` before any
   * `beforeApplicationShutdown`, so this runs while the read models and the event store are still open.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.tail.catch(() => undefined);
  }

  /** The error of the last tick, if it failed (null once a tick succeeds again). */
  get lastTickError(): string | null {
    return this.lastError;
  }

  /** Runs not completed yet (see ReevaluationWorkReadModel.backlog), as of today. */
  backlog(): Promise<ReevaluationBacklog> {
    return this.work.backlog(calendarDateOf(this.clock.now().toISOString()));
  }

  /**
   * Runs a tick that starts after this call (joining one already queued) and resolves when it is done: every run
   * due today is completed and the stale submissions of completed runs are caught. Rejects with the tick's error.
   * When another instance holds the `reevaluation` lease, the tick does nothing (that instance does the work).
   */
  runDue(): Promise<void> {
    if (this.queued !== null) return this.queued;
    const next = this.tail.catch(() => undefined).then(() => {
      this.queued = null;
      return this.tick();
    });
    this.queued = next;
    this.tail = next;
    return next;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runDue()
        .then(() => {
          this.metrics.tickSucceeded();
          if (this.lastError !== null) this.logger.log('Re-evaluation is running again');
          this.lastError = null;
        })
        .catch((error: unknown) => {
          this.metrics.tickFailed();
          this.logFailure(error);
        })
        .finally(() => this.schedule(REEVALUATION_TICK_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopping || !(await this.lease.hold())) return;
    // A lost lease stops the run after its current batch: the new holder goes on from the run's stored cursor.
    const stop = () => this.stopping || !this.lease.held;
    for (;;) {
      if (stop()) return;
      await this.work.catchUp();
      const today = calendarDateOf(this.clock.now().toISOString());
      const due = await this.work.dueRuns(today, DUE_BATCH);
      for (const run of due) {
        if ((await this.executor.execute(run, stop)) === 'stopped') return;
      }
      // Runs appended events: catch up again before looking for more. Otherwise the read models are as fresh as
      // the stale-submission list needs.
      if (due.length > 0) continue;
      if ((await this.stale.catchStale()) === 0) return;
    }
  }

  /** Logs a failing tick once, not twice a second. */
  private logFailure(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message === this.lastError) return;
    this.lastError = message;
    this.logger.error(`Re-evaluation tick failed: ${message}`);
  }
}
