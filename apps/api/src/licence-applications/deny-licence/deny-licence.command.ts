import type { LicenceApplication } from '@app/domain';
import { CaseCommandWithReason } from '../case-command/case-command';

export class DenyLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.deny(this.reasoned(at));
  }
}
