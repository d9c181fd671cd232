import { Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import type { CommandContext } from '@app/infra';
import type { IfMatch } from '../../shared/http/if-match';
import type { CaseView } from '../case-view/case-view';
import type { CaseCall } from './case-call.decorator';
import type { ReasonRequest } from './reason.request.dto';
import { CaseCommandRunner, type CaseCommandRun } from './case-command.runner';

/**
 * A command on an existing case. Each use case's command says which aggregate method it calls; loading,
 * If-Match, optimistic concurrency and read-your-writes are the runner's, shared by all of them.
 */
export abstract class CaseCommand extends Command<CaseView> implements CaseCommandRun {
  readonly ifMatch: IfMatch | undefined;
  readonly context: CommandContext;

  constructor(
    readonly applicationId: string,
    call: CaseCall,
  ) {
    super();
    this.ifMatch = call.ifMatch;
    this.context = call.context;
  }

  /** Calls the aggregate's decision with the instant the runner read from the clock. */
  abstract decide(application: LicenceApplication, at: string): void;
}

/**
 * The handler of every case command: subclasses only bind it to their command with `@CommandHandler`.
 * (It cannot declare `implements ICommandHandler<TCommand>`: that type is conditional on a generic.)
 */
@Injectable()
export abstract class CaseCommandHandler<TCommand extends CaseCommand> {
  constructor(private readonly runner: CaseCommandRunner) {}

  execute(command: TCommand): Promise<CaseView> {
    return this.runner.run(command);
  }
}

/** A case command whose body is only a reason (deny, return, withdraw, suspend, revoke). */
export abstract class CaseCommandWithReason extends CaseCommand {
  constructor(
    applicationId: string,
    call: CaseCall,
    readonly request: ReasonRequest,
  ) {
    super(applicationId, call);
  }

  /** What every decision with a reason passes to the aggregate. */
  protected reasoned(at: string) {
    return { applicationId: this.applicationId, reason: this.request.reason, at, by: this.context.actor };
  }
}
