import { Inject, Injectable, Logger } from '@nestjs/common';
import { calendarDateOf } from '@app/domain';
import { PolicyRegisterReadModel } from '../../country-policy/register/policy-register.read-model';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ReevaluationBatchRecorder } from './reevaluation-batch.recorder';
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
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly register: PolicyRegisterReadModel,
    private readonly work: ReevaluationWorkReadModel,
    private readonly batches: ReevaluationBatchRecorder,
  ) {}

  /** Catches one batch of stale submissions; answers how many it accounted for. */
  async catchStale(): Promise<number> {
    const stale = await this.work.staleSubmissions(BATCH);
    if (stale.length === 0) return 0;
    const byRun = new Map<string, string[]>();
    for (const { reevaluationId, applicationId } of stale) {
      byRun.set(reevaluationId, [...(byRun.get(reevaluationId) ?? []), applicationId]);
    }
    const policy = await this.register.snapshot(calendarDateOf(this.clock.now().toISOString()));
    let caught = 0;
    for (const [reevaluationId, applicationIds] of byRun) {
      const run = await this.batches.loadRun(reevaluationId);
      if (run.state.trigger === null) continue;
      // The cases' events and the run's late batch are one append; when another server recorded them first, the
      // projection marks them handled all the same.
      const { recorded } = await this.batches.record(run, applicationIds, policy, 'late');
      if (recorded === null || recorded.length === 0) continue;
      caught += recorded.length;
      this.logger.log(`Run ${reevaluationId}: ${recorded.length} stale submission(s) caught late`);
    }
    return caught;
  }
}
