import type { LicenceApplication } from '@app/domain';
import { CaseCommandWithReason } from '../case-command/case-command';

export class RevokeLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.revoke(this.reasoned(at));
  }
}
