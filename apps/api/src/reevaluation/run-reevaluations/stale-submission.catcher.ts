import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { calendarDateOf, ReevaluationRun, reevaluationStream, type ReevaluatedCase } from '@app/domain';
import { AggregateRepository, WrongExpectedVersionError } from '@app/infra';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { nameBasedUuid } from '../../shared/ids';
import { CaseReevaluator, REEVALUATION_ACTOR } from './case-reevaluator';
import { ReevaluationWorkReadModel } from './reevaluation-work.read-model';

const BATCH = 100;

/**
 * Catches the cases submitted while a change was being recorded (docs/product.md §2: no case may end on a stale track).
 *
 * A submission reads the register, then appends. If a change is appended in between, the case's determination
 * carries the outdated policy version; the `reevaluations` projection sees it (in log order the change comes first)
 * and lists the case as stale. Once the run of the missed change has completed — its own pass may have reached the
 * case already — each stale case is re-evaluated under that run's trigger and accounted for in the run as a late
 * catch (`ReevaluationProgressed` with `late: true`), which also marks it handled.
 */
@Injectable()
export class StaleSubmissionCatcher {
  private readonly logger = new Logger('Reevaluation');

  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: PolicyRegisterReadModel,
    private readonly work: ReevaluationWorkReadModel,
    private readonly cases: CaseReevaluator,
  ) {}

  /** Catches one batch of stale submissions; answers how many it accounted for. */
  async catchStale(): Promise<number> {
    const stale = this.work.staleSubmissions(BATCH);
    if (stale.length === 0) return 0;
    const byRun = new Map<string, string[]>();
    for (const { reevaluationId, applicationId } of stale) {
      byRun.set(reevaluationId, [...(byRun.get(reevaluationId) ?? []), applicationId]);
    }
    const policy = await this.register.snapshot(calendarDateOf(this.clock.now().toISOString()));
    let caught = 0;
    for (const [reevaluationId, applicationIds] of byRun) {
      const stream = reevaluationStream(reevaluationId);
      const { aggregate: run } = await this.repository.load(stream, () => new ReevaluationRun(reevaluationId));
      const trigger = run.state.trigger;
      if (trigger === null) continue;
      const outcomes: ReevaluatedCase[] = [];
      for (const applicationId of applicationIds) {
        outcomes.push({ applicationId, outcome: await this.cases.reevaluate(applicationId, reevaluationId, trigger, policy) });
        // Let requests in between cases (the SQLite store answers synchronously).
        await yieldToEventLoop();
      }
      run.recordLateCatches({ reevaluationId, cases: outcomes, at: this.clock.now().toISOString() });
      if (run.getUncommittedEvents().length === 0) continue;
      try {
        await this.repository.save(
          stream,
          run,
          { actor: REEVALUATION_ACTOR, correlationId: reevaluationId, causationId: trigger.policyEventId },
          [nameBasedUuid(`${reevaluationId}:late:${outcomes.map((entry) => entry.applicationId).join(',')}`)],
        );
        caught += outcomes.length;
        this.logger.log(`Run ${reevaluationId}: ${outcomes.length} stale submission(s) caught late`);
      } catch (error) {
        // Another server recorded them first: the projection marks them handled either way.
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    return caught;
  }
}
