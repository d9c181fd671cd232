import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { LicenceApplication, licenceApplicationStream } from '@app/domain';
import { AggregateRepository, runStreamCommand } from '@app/infra';
import { CLOCK, type Clock } from '../../shared/clock/clock';
import { ifMatchAccepts, preconditionFailed } from '../../shared/http/if-match';
import { READ_MODEL_SYNC, type ReadModelSync } from '../../shared/read-model-sync';
import { caseView, type CaseView } from '../case-view/case-view';
import { applicationNotFound, isApplicationId } from '../case-view/load-case';
import { CaseCommand } from './case-command';

/**
 * The one handler of every command on an existing case (assign, refer, approve… and the scheduler's expiry). The
 * bus finds it for each subclass of {@link CaseCommand}: `@nestjs/cqrs` reads a command's id with
 * `Reflect.getMetadata`, which walks the class chain up to the base registered here.
 *
 * It runs the command through {@link runStreamCommand}: load the case (404 when there is none), check `If-Match`
 * (412), decide, append with the loaded revision as the expected one. A lost race is 412 when the caller sent
 * `If-Match` (the revision it based its change on no longer holds); without it the command is decided again on
 * the winner's state, so a conflicting decision fails on the case's own rules (e.g. CASE_ALREADY_DECIDED) instead
 * of overwriting. Then it waits for the read models and answers the case view.
 */
@CommandHandler(CaseCommand)
export class CaseCommandHandler implements ICommandHandler<CaseCommand> {
  constructor(
    @Inject(AggregateRepository) private readonly repository: AggregateRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_SYNC) private readonly readModels: ReadModelSync,
  ) {}

  async execute(command: CaseCommand): Promise<CaseView> {
    const { applicationId, ifMatch } = command;
    if (!isApplicationId(applicationId)) throw applicationNotFound(applicationId);
    const { aggregate, saved, result: loadedAt } = await runStreamCommand(this.repository, {
      stream: licenceApplicationStream(applicationId),
      create: () => new LicenceApplication(applicationId),
      context: command.context,
      decide: (application, loaded) => {
        const revision = loaded.revision;
        if (revision === null || application.state === null) throw applicationNotFound(applicationId);
        if (ifMatch && !ifMatchAccepts(ifMatch, revision)) throw preconditionFailed(revision);
        command.decide(application, this.clock.now().toISOString());
        return { revision, recordedAt: loaded.events.at(-1)!.recordedAt };
      },
      onConflict: (error, loaded) => {
        if (ifMatch) throw preconditionFailed(error.actualRevision ?? loaded.revision!);
      },
    });
    // A decision that changed nothing appended nothing: the case is as loaded.
    if (saved === null) return caseView(aggregate.state!, loadedAt.revision, loadedAt.recordedAt);
    await this.readModels.waitForPosition(saved.position);
    // The aggregate has folded its new events: its state is the case as stored, no re-read needed.
    return caseView(aggregate.state!, saved.nextExpectedRevision, saved.recordedAt);
  }
}
