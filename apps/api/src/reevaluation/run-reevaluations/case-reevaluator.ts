import { Inject, Injectable } from '@nestjs/common';
import {
  LicenceApplication,
  licenceApplicationStream,
  type PolicySnapshot,
  type ReevaluationOutcome,
  type ReevaluationTrigger,
} from '@app/domain';
import { AggregateRepository, type CommandContext, type SaveEntry } from '@app/infra';
import { nameBasedUuid } from '../../shared/ids';

/** The service account the process manager acts as (every event it appends carries it). */
export const REEVALUATION_ACTOR = 'system:reevaluation';

/**
 * Who acts and why on everything a run appends (its own events and its cases'): the process manager, correlated by
 * the run, caused by the policy event that triggered it (docs/product.md §2).
 */
export function reevaluationContext(reevaluationId: string, trigger: Pick<ReevaluationTrigger, 'policyEventId'>): CommandContext {
  return { actor: REEVALUATION_ACTOR, correlationId: reevaluationId, causationId: trigger.policyEventId };
}

/** One case re-evaluated for a run: its outcome, and what to append for it (null: nothing to record). */
export interface CaseDecision {
  readonly applicationId: string;
  readonly outcome: ReevaluationOutcome;
  readonly save: SaveEntry | null;
}

/** What a run re-evaluates its cases against. */
export interface CaseReevaluation {
  readonly reevaluationId: string;
  readonly trigger: ReevaluationTrigger;
  readonly policy: PolicySnapshot;
  /** The instant the decisions are made (`at` on every event). */
  readonly at: string;
}

/**
 * Loads one case and decides its re-evaluation for one run, without appending: the run's batch appends every case's
 * events together with its own progress (ReevaluationBatchRecorder). The events get name-based ids (run + case), so
 * on a store that appends stream by stream (EventStoreDB) a batch retried after a partial append re-appends what
 * was stored idempotently. The causation id of what it appends is the policy event's id (docs/product.md §2).
 */
@Injectable()
export class CaseReevaluator {
  constructor(@Inject(AggregateRepository) private readonly repository: AggregateRepository) {}

  async decide(applicationId: string, run: CaseReevaluation): Promise<CaseDecision> {
    const streamName = licenceApplicationStream(applicationId);
    const { aggregate } = await this.repository.load(streamName, () => new LicenceApplication(applicationId));
    // The read model listed a case the store does not have: nothing to re-evaluate, nothing to count as changed.
    if (aggregate.state === null) return { applicationId, outcome: 'not-affected', save: null };
    const outcome = aggregate.reevaluate({
      applicationId,
      reevaluationId: run.reevaluationId,
      trigger: run.trigger,
      policy: run.policy,
      at: run.at,
      by: REEVALUATION_ACTOR,
    });
    const pending = aggregate.getUncommittedEvents();
    if (pending.length === 0) return { applicationId, outcome, save: null };
    return {
      applicationId,
      outcome,
      save: {
        streamName,
        aggregate,
        context: reevaluationContext(run.reevaluationId, run.trigger),
        eventIds: pending.map((event, index) => nameBasedUuid(`${run.reevaluationId}:${applicationId}:${event.type}:${index}`)),
      },
    };
  }
}
