import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { REEVALUATION_PROGRESSED, ReevaluationRun, reevaluationStream, type PolicySnapshot, type ReevaluatedCase } from '@app/domain';
import { AggregateRepository, WrongExpectedVersionError, type SaveEntry } from '@app/infra';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { nameBasedUuid } from '../../shared/ids';
import { CaseReevaluator, reevaluationContext, type CaseDecision, type CaseReevaluation } from './case-reevaluator';

/** A batch is redone this many times when officers keep acting on its cases; then the tick fails and retries later. */
const MAX_ATTEMPTS = 10;
/** Cases decided between two turns of the event loop (the SQLite store answers synchronously). */
const CASES_PER_TURN = 50;

/** `pass`: the next cases after the run's cursor; `late`: stale submissions caught after the pass. */
export type BatchKind = 'pass' | 'late';

export interface RecordedBatch {
  /** The run as stored after the batch (reloaded when the batch was not the one recorded). */
  readonly run: ReevaluationRun;
  /**
   * The cases the run's new `ReevaluationProgressed` accounts for (empty: nothing new to record), or null when
   * another server recorded the run's progress first: the caller goes on from the run as that server left it.
   */
  readonly recorded: readonly ReevaluatedCase[] | null;
}

/**
 * Re-evaluates one batch of a run's cases and records it in ONE multi-stream append, the run's progress last, so
 * the batch is stored whole or not at all. A conflict rolls it all back: on a case the batch is decided again
 * (bounded); on the run, the run is reloaded. docs/reevaluation.md ("Batched runs") covers a store that appends
 * stream by stream.
 */
@Injectable()
export class ReevaluationBatchRecorder {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CaseReevaluator,
  ) {}

  async loadRun(reevaluationId: string): Promise<ReevaluationRun> {
    return (await this.repository.load(reevaluationStream(reevaluationId), () => new ReevaluationRun(reevaluationId))).aggregate;
  }

  async record(
    run: ReevaluationRun,
    applicationIds: readonly string[],
    policy: PolicySnapshot,
    kind: BatchKind,
  ): Promise<RecordedBatch> {
    const { trigger } = run.state;
    if (trigger === null) throw new Error(`Run ${run.id} has not started: it has no trigger to re-evaluate its cases under`);
    const streamName = reevaluationStream(run.id);
    const context = reevaluationContext(run.id, trigger);
    const cursor = run.state.cursor;
    for (let attempt = 1; ; attempt += 1) {
      const at = this.clock.now().toISOString();
      const decisions = await this.decideAll(applicationIds, { reevaluationId: run.id, trigger, policy, at });
      const outcomes = decisions.map(({ applicationId, outcome }) => ({ applicationId, outcome }));
      const command = { reevaluationId: run.id, cases: outcomes, at };
      if (kind === 'pass') run.recordBatch(command);
      else run.recordLateCatches(command);
      const accounted = accountedFor(run);
      const progress: SaveEntry = { streamName, aggregate: run, context, eventIds: [nameBasedUuid(progressIdName(run.id, kind, applicationIds))] };
      try {
        await this.repository.saveMany([...decisions.flatMap((decision) => (decision.save ? [decision.save] : [])), progress]);
        return { run, recorded: accounted };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        // Nothing of the batch was stored, but the run has folded its progress: start again from the stored run.
        run = await this.loadRun(run.id);
        const movedOn = error.streamName === streamName || run.state.cursor !== cursor || run.state.status !== 'running';
        if (kind === 'pass' && movedOn) return { run, recorded: null };
        if (kind === 'late' && error.streamName === streamName) return { run, recorded: null };
        if (attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async decideAll(applicationIds: readonly string[], run: CaseReevaluation): Promise<CaseDecision[]> {
    const decisions: CaseDecision[] = [];
    for (const applicationId of applicationIds) {
      decisions.push(await this.cases.decide(applicationId, run));
      // Let HTTP requests, read-model polls and a shutdown signal in while a batch is decided.
      if (decisions.length % CASES_PER_TURN === 0) await yieldToEventLoop();
    }
    return decisions;
  }
}

/**
 * The progress event's id is named after what it records, so two servers recording the same batch append the same
 * event (one of them as an idempotent retry).
 */
function progressIdName(reevaluationId: string, kind: BatchKind, applicationIds: readonly string[]): string {
  return kind === 'pass' ? `${reevaluationId}:batch:${applicationIds.at(-1)!}` : `${reevaluationId}:late:${applicationIds.join(',')}`;
}

/** The cases the run's uncommitted progress accounts for (a late catch leaves out the cases caught before). */
function accountedFor(run: ReevaluationRun): readonly ReevaluatedCase[] {
  const [progressed] = run.getUncommittedEvents();
  return progressed?.type === REEVALUATION_PROGRESSED ? progressed.data.cases : [];
}
