import { Inject, Injectable } from '@nestjs/common';
import {
  LicenceApplication,
  licenceApplicationStream,
  type PolicySnapshot,
  type ReevaluationOutcome,
  type ReevaluationTrigger,
} from '@app/domain';
import { AggregateRepository, WrongExpectedVersionError } from '@app/infra';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { nameBasedUuid } from '../../shared/ids';

/** The service account the process manager acts as (every event it appends carries it). */
export const REEVALUATION_ACTOR = 'system:reevaluation';

/** An officer acting on the case at the same moment only delays the re-evaluation; this bounds a pathological loop. */
const MAX_ATTEMPTS = 10;

/**
 * Re-evaluates one case for one run: load, decide, append with the loaded revision. The events get name-based ids
 * (run + case), so even a replay that slipped past the case's own once-per-run rule would be an idempotent append.
 * The causation id of what it appends is the policy event's id (docs/product.md §2).
 */
@Injectable()
export class CaseReevaluator {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async reevaluate(
    applicationId: string,
    reevaluationId: string,
    trigger: ReevaluationTrigger,
    policy: PolicySnapshot,
  ): Promise<ReevaluationOutcome> {
    const stream = licenceApplicationStream(applicationId);
    for (let attempt = 1; ; attempt += 1) {
      const { aggregate } = await this.repository.load(stream, () => new LicenceApplication(applicationId));
      // The read model listed a case the store does not have: nothing to re-evaluate, nothing to count as changed.
      if (aggregate.state === null) return 'not-affected';
      const outcome = aggregate.reevaluate({
        applicationId,
        reevaluationId,
        trigger,
        policy,
        at: this.clock.now().toISOString(),
        by: REEVALUATION_ACTOR,
      });
      const pending = aggregate.getUncommittedEvents();
      if (pending.length === 0) return outcome;
      const ids = pending.map((event, index) => nameBasedUuid(`${reevaluationId}:${applicationId}:${event.type}:${index}`));
      try {
        await this.repository.save(
          stream,
          aggregate,
          { actor: REEVALUATION_ACTOR, correlationId: reevaluationId, causationId: trigger.policyEventId },
          ids,
        );
        return outcome;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
