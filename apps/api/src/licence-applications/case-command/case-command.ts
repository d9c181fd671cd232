import { Command } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import type { CommandContext } from '@app/infra';
import type { IfMatch } from '../../shared/http/if-match';
import type { CaseView } from '../case-view/case-view';
import type { CaseCall } from './case-call.decorator';
import type { ReasonRequest } from './reason.request.dto';

/**
 * A command on an existing case. Each use case's command says which aggregate method it calls (the aggregate
 * decides with its pure `decide*` function); loading, If-Match, optimistic concurrency and read-your-writes are
 * `CaseCommandHandler`'s, the one handler of every subclass.
 */
export abstract class CaseCommand extends Command<CaseView> {
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

  /** Calls the aggregate's decision with the instant the handler read from the clock. */
  abstract decide(application: LicenceApplication, at: string): void;
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
