import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import { CaseCommandHandler, CaseCommandWithReason } from '../case-command/case-command';

export class ReturnApplicationCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.returnWithoutAction(this.reasoned(at));
  }
}

@CommandHandler(ReturnApplicationCommand)
export class ReturnApplicationHandler extends CaseCommandHandler<ReturnApplicationCommand> {}
