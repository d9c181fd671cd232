import type { LicenceApplication } from '@app/domain';
import { CaseCommandWithReason } from '../case-command/case-command';

export class SuspendLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.suspend(this.reasoned(at));
  }
}
