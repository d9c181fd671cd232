import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  calendarDateOf,
  reachesIssuedLicences,
  ReevaluationRun,
  reevaluationStream,
  type ReevaluatedCase,
} from '@app/domain';
import { AggregateRepository, WrongExpectedVersionError, type CommandContext } from '@app/infra';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { nameBasedUuid } from '../../shared/ids';
import { withLogContext } from '../../shared/logging/log-context';
import { CaseReevaluator, REEVALUATION_ACTOR } from './case-reevaluator';
import { ReevaluationMetrics } from './reevaluation.metrics';
import { ReevaluationWorkReadModel, type DueRun } from './reevaluation-work.read-model';

/** Cases per batch: one `ReevaluationProgressed` each, so a crash replays at most this many cases. */
export const REEVALUATION_BATCH = 200;

export type RunResult = 'completed' | 'stopped';

/**
 * Executes one re-evaluation run to completion, batch by batch, from its durable state (the run's own stream):
 * 1. start: count the cases selected now and record `ReevaluationStarted`;
 * 2. take the next batch of cases after the run's cursor (id order), re-evaluate each against the register in force
 *    today, then record the batch's outcomes in one `ReevaluationProgressed` (the new cursor);
 * 3. when no case is left after the cursor, record `ReevaluationCompleted`.
 *
 * A crash between a case's append and its batch's record replays that batch after restart: the cases already
 * changed answer their recorded outcome without appending (decideReevaluation), so none is done twice, and the
 * cursor only moves past cases that were accounted for, so none is missed. Every run event is appended with the
 * run's loaded revision: a second server working the same run loses the race, reloads and carries on from there.
 */
@Injectable()
export class ReevaluationRunExecutor {
  private readonly logger = new Logger('Reevaluation');

  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: PolicyRegisterReadModel,
    private readonly work: ReevaluationWorkReadModel,
    private readonly cases: CaseReevaluator,
    private readonly metrics: ReevaluationMetrics,
  ) {}

  /** Every line logged while the run works (here and in the code it calls) carries its run id and policy event id. */
  execute(due: DueRun, shouldStop: () => boolean): Promise<RunResult> {
    const fields = { reevaluationId: due.reevaluationId, policyEventId: due.trigger.policyEventId, countryCode: due.trigger.countryCode };
    return withLogContext(fields, async () => {
      const result = await this.executeRun(due, shouldStop);
      if (result === 'stopped') {
        this.metrics.runInterrupted();
        this.logger.log('Run interrupted by shutdown after its last recorded batch; it resumes at the next start');
      }
      return result;
    });
  }

  private async executeRun(due: DueRun, shouldStop: () => boolean): Promise<RunResult> {
    const stream = reevaluationStream(due.reevaluationId);
    const { trigger } = due;
    // A tightening or a narrowed Table 2 paragraph also reaches approved licences (22 CFR §126.7).
    const tightening = reachesIssuedLicences(trigger);
    const context: CommandContext = { actor: REEVALUATION_ACTOR, correlationId: due.reevaluationId, causationId: trigger.policyEventId };
    const load = async () => (await this.repository.load(stream, () => new ReevaluationRun(due.reevaluationId))).aggregate;
    // Loaded once and kept across batches (each save moves its expected revision on); reloaded only when another
    // server appended to the run first. So a run reads its own stream once, whatever its number of batches.
    let run = await load();
    for (;;) {
      if (shouldStop()) return 'stopped';
      const now = this.clock.now().toISOString();
      const today = calendarDateOf(now);

      if (run.state.status === 'completed') return 'completed';
      if (run.state.status === 'not-started') {
        // Every case committed before the run starts must be in the selection.
        await this.work.catchUp();
        const total = this.work.countCandidates(trigger.countryCode, tightening);
        run.start({ reevaluationId: due.reevaluationId, trigger, total, policyDate: today, at: now, by: REEVALUATION_ACTOR });
        if (!(await this.save(stream, run, context, `${due.reevaluationId}:started`))) run = await load();
        else this.metrics.runStarted();
        // An empty run (every seeded change on a fresh data directory) is not worth a line of the log.
        if (total > 0) {
          this.logger.log(`Run ${due.reevaluationId} (${trigger.countryCode} v${trigger.policyVersion}, ${trigger.kind}) started: ${total} cases`);
        }
        continue;
      }

      const batch = this.work.candidates(trigger.countryCode, tightening, run.state.cursor, REEVALUATION_BATCH);
      if (batch.length === 0) {
        run.complete({ reevaluationId: due.reevaluationId, at: now, by: REEVALUATION_ACTOR });
        if (!(await this.save(stream, run, context, `${due.reevaluationId}:completed`))) {
          run = await load();
          continue;
        }
        this.metrics.runCompleted();
        if (run.state.counts.processed > 0) {
          const { counts } = run.state;
          this.logger.log(
            `Run ${due.reevaluationId} completed: ${counts.processed} processed, ${counts.changed} changed, ${counts.revised} revised, ${counts.unchanged} unchanged, ${counts.flagged} flagged`,
          );
        }
        continue;
      }

      const batchDone = this.metrics.batchStarted();
      const policy = await this.register.snapshot(today);
      const outcomes: ReevaluatedCase[] = [];
      for (const applicationId of batch) {
        const outcome = await this.cases.reevaluate(applicationId, due.reevaluationId, trigger, policy);
        outcomes.push({ applicationId, outcome });
        // The SQLite store answers synchronously, so without a macrotask turn a run of thousands of cases would
        // hold the event loop: no HTTP request, read-model poll or shutdown signal would be served until it ends.
        await yieldToEventLoop();
      }
      run.recordBatch({ reevaluationId: due.reevaluationId, cases: outcomes, at: this.clock.now().toISOString() });
      if (!(await this.save(stream, run, context, `${due.reevaluationId}:batch:${batch.at(-1)!}`))) run = await load();
      else batchDone(outcomes);
    }
  }

  /**
   * Appends the run's new events; false when another server got there first (the caller then reloads the run, whose
   * state has folded events that were not stored, and goes on from the stored state). Nothing to append is a success.
   */
  private async save(stream: string, run: ReevaluationRun, context: CommandContext, idName: string): Promise<boolean> {
    if (run.getUncommittedEvents().length === 0) return true;
    try {
      await this.repository.save(stream, run, context, [nameBasedUuid(idName)]);
      return true;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return false;
      throw error;
    }
  }
}
