import type { LicenceApplication } from '@app/domain';
import { CaseCommandWithReason } from '../case-command/case-command';

export class WithdrawApplicationCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.withdraw(this.reasoned(at));
  }
}
