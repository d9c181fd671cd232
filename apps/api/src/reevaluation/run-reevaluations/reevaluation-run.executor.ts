import { Inject, Injectable, Logger } from '@nestjs/common';
import { calendarDateOf, reachesIssuedLicences, ReevaluationRun, reevaluationStream } from '@app/domain';
import { AggregateRepository, runStreamCommand } from '@app/infra';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { nameBasedUuid } from '../../shared/ids';
import { withLogContext } from '../../shared/logging/log-context';
import { REEVALUATION_ACTOR, reevaluationContext } from './case-reevaluator';
import { ReevaluationBatchRecorder } from './reevaluation-batch.recorder';
import { ReevaluationMetrics } from './reevaluation.metrics';
import { ReevaluationWorkReadModel, type DueRun } from './reevaluation-work.read-model';

/**
 * Cases per batch: one multi-stream append (one transaction, one fsync) and one `ReevaluationProgressed` each.
 * Measured on a generated caseload (docs/reevaluation.md): the fastest of 200, 500, 1 000 and 2 000, while one batch
 * holds the SQLite write lock for a few milliseconds only, so an officer's command waits at most that long.
 */
export const REEVALUATION_BATCH = 500;

export type RunResult = 'completed' | 'stopped';

/**
 * Executes one run to completion from the run's own stream: start, batches after the cursor, completion. The cursor
 * moves only with a stored batch, so a crash (even `kill -9`) loses at most the batch in flight; a second server on
 * the same run loses the expected-revision race and carries on from the cursor stored (docs/reevaluation.md).
 */
@Injectable()
export class ReevaluationRunExecutor {
  private readonly logger = new Logger('Reevaluation');

  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: PolicyRegisterReadModel,
    private readonly work: ReevaluationWorkReadModel,
    private readonly batches: ReevaluationBatchRecorder,
    private readonly metrics: ReevaluationMetrics,
  ) {}

  /** Every line logged while the run works (here and in the code it calls) carries its run id and policy event id. */
  execute(due: DueRun, shouldStop: () => boolean): Promise<RunResult> {
    const fields = { reevaluationId: due.reevaluationId, policyEventId: due.trigger.policyEventId, countryCode: due.trigger.countryCode };
    return withLogContext(fields, async () => {
      const result = await this.executeRun(due, shouldStop);
      if (result === 'stopped') {
        this.metrics.runInterrupted();
        this.logger.log('Run interrupted (shutdown, or the worker lease lost) after its last recorded batch; the lease holder resumes it');
      }
      return result;
    });
  }

  private async executeRun(due: DueRun, shouldStop: () => boolean): Promise<RunResult> {
    const { trigger } = due;
    // A tightening or a narrowed Table 2 paragraph also reaches approved licences (22 CFR §126.7).
    const tightening = reachesIssuedLicences(trigger);
    // Loaded once and kept across batches (each save moves its expected revision on); reloaded only when another
    // server appended to the run first. So a run reads its own stream once, then once more to complete.
    let run = await this.batches.loadRun(due.reevaluationId);
    for (;;) {
      if (shouldStop()) return 'stopped';
      if (run.state.status === 'completed') return 'completed';
      const today = calendarDateOf(this.clock.now().toISOString());
      if (run.state.status === 'not-started') {
        run = await this.start(due, tightening, today);
        continue;
      }

      const batch = await this.work.candidates(trigger.countryCode, tightening, run.state.cursor, REEVALUATION_BATCH);
      if (batch.length === 0) {
        run = await this.complete(due);
        continue;
      }
      const batchDone = this.metrics.batchStarted();
      const policy = await this.register.snapshot(today);
      const recorded = await this.batches.record(run, batch, policy, 'pass');
      run = recorded.run;
      if (recorded.recorded !== null) batchDone(recorded.recorded);
    }
  }

  /** Records `ReevaluationStarted` with the number of cases selected now (nothing if another server started it). */
  private async start(due: DueRun, tightening: boolean, today: string): Promise<ReevaluationRun> {
    // Every case committed before the run starts must be in the selection.
    await this.work.catchUp();
    const total = await this.work.countCandidates(due.trigger.countryCode, tightening);
    const { aggregate, saved } = await this.onRunStream(due, 'started', (run) => {
      const at = this.clock.now().toISOString();
      run.start({ reevaluationId: due.reevaluationId, trigger: due.trigger, total, policyDate: today, at, by: REEVALUATION_ACTOR });
    });
    if (saved === null) return aggregate;
    this.metrics.runStarted();
    // An empty run (every seeded change on a fresh data directory) is not worth a line of the log.
    if (total > 0) {
      const { trigger } = due;
      this.logger.log(`Run ${due.reevaluationId} (${trigger.countryCode} v${trigger.policyVersion}, ${trigger.kind}) started: ${total} cases`);
    }
    return aggregate;
  }

  /** Records `ReevaluationCompleted` once no case is left after the cursor (nothing if another server completed it). */
  private async complete(due: DueRun): Promise<ReevaluationRun> {
    const { aggregate, saved } = await this.onRunStream(due, 'completed', (run) => {
      // Another server completed it meanwhile; or recorded a batch, and the next pass finds what is left.
      if (run.state.status !== 'running') return;
      run.complete({ reevaluationId: due.reevaluationId, at: this.clock.now().toISOString(), by: REEVALUATION_ACTOR });
    });
    if (saved === null) return aggregate;
    this.metrics.runCompleted();
    const { counts } = aggregate.state;
    if (counts.processed > 0) {
      this.logger.log(
        `Run ${due.reevaluationId} completed: ${counts.processed} processed, ${counts.changed} changed, ${counts.revised} revised, ${counts.unchanged} unchanged, ${counts.flagged} flagged`,
      );
    }
    return aggregate;
  }

  /** One step on the run's own stream; its event id is name-based on the run and the step, so no step is recorded twice. */
  private onRunStream(due: DueRun, step: 'started' | 'completed', decide: (run: ReevaluationRun) => void) {
    return runStreamCommand(this.repository, {
      stream: reevaluationStream(due.reevaluationId),
      create: () => new ReevaluationRun(due.reevaluationId),
      context: reevaluationContext(due.reevaluationId, due.trigger),
      decide,
      eventIds: () => [nameBasedUuid(`${due.reevaluationId}:${step}`)],
    });
  }
}
