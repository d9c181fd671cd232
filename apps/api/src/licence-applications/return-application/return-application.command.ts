import type { LicenceApplication } from '@app/domain';
import { CaseCommandWithReason } from '../case-command/case-command';

export class ReturnApplicationCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.returnWithoutAction(this.reasoned(at));
  }
}
