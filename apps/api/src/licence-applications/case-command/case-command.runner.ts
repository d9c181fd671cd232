import { Inject, Injectable } from '@nestjs/common';
import { LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository, WrongExpectedVersionError, type CommandContext, type SaveResult } from '@app/infra';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ifMatchAccepts, preconditionFailed, type IfMatch } from '../../shared/http/if-match';
import { READ_MODEL_SYNC, type ReadModelSync } from '../../shared/read-model-sync';
import { caseView, type CaseView } from '../case-view/case-view';
import { applicationNotFound, isApplicationId } from '../case-view/load-case';

export interface CaseCommandRun {
  readonly applicationId: string;
  readonly ifMatch: IfMatch | undefined;
  readonly context: CommandContext;
  decide(application: LicenceApplication, at: string): void;
}

/**
 * Without If-Match a command that lost a race is decided again on the fresh state: a conflicting second
 * decision then fails on the case's own rules (e.g. CASE_ALREADY_DECIDED) instead of overwriting. The
 * bound only guards against a pathological hot stream.
 */
const MAX_ATTEMPTS = 5;

/**
 * Runs one command on one case: load, check If-Match, decide, append with the loaded revision as the
 * expected revision (so two racing commands never both win), wait for the projections, answer the view.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_SYNC) private readonly readModels: ReadModelSync,
  ) {}

  async run(command: CaseCommandRun): Promise<CaseView> {
    const { applicationId, ifMatch, context } = command;
    if (!isApplicationId(applicationId)) throw applicationNotFound(applicationId);
    const stream = licenceApplicationStream(applicationId);
    for (let attempt = 1; ; attempt += 1) {
      const { aggregate } = await this.repository.load(stream, () => new LicenceApplication(applicationId));
      const revision = aggregate.revision;
      if (revision === null || aggregate.state === null) throw applicationNotFound(applicationId);
      if (ifMatch && !ifMatchAccepts(ifMatch, revision)) throw preconditionFailed(revision);
      command.decide(aggregate, this.clock.now().toISOString());
      const saved = await this.append(stream, aggregate, context, ifMatch, revision, attempt);
      if (saved === null) continue;
      await this.readModels.waitForPosition(saved.position);
      // The aggregate has folded its new events: its state is the case as stored, no re-read needed.
      return caseView(aggregate.state, saved.nextExpectedRevision, saved.recordedAt);
    }
  }

  /** What the append stored, or null when the race was lost and the command should be decided again. */
  private async append(
    stream: string,
    aggregate: LicenceApplication,
    context: CommandContext,
    ifMatch: IfMatch | undefined,
    loadedRevision: bigint,
    attempt: number,
  ): Promise<SaveResult | null> {
    try {
      return await this.repository.save(stream, aggregate, context);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // With If-Match the caller stated the revision its change is based on: it no longer holds.
      if (ifMatch) throw preconditionFailed(error.actualRevision ?? loadedRevision);
      if (attempt >= MAX_ATTEMPTS) throw error;
      return null;
    }
  }
}
