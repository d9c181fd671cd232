import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import type { CaseCall } from '../case-command/case-call.decorator';
import { CaseCommand, CaseCommandHandler } from '../case-command/case-command';
import type { ReasonRequest } from '../case-command/reason.request.dto';

export class SuspendLicenceCommand extends CaseCommand {
  constructor(
    applicationId: string,
    call: CaseCall,
    readonly request: ReasonRequest,
  ) {
    super(applicationId, call);
  }

  decide(application: LicenceApplication, at: string): void {
    application.suspend({ applicationId: this.applicationId, reason: this.request.reason, at, by: this.context.actor });
  }
}

@CommandHandler(SuspendLicenceCommand)
export class SuspendLicenceHandler extends CaseCommandHandler<SuspendLicenceCommand> {}
