import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import { CaseCommandHandler, CaseCommandWithReason } from '../case-command/case-command';

export class WithdrawApplicationCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.withdraw(this.reasoned(at));
  }
}

@CommandHandler(WithdrawApplicationCommand)
export class WithdrawApplicationHandler extends CaseCommandHandler<WithdrawApplicationCommand> {}
