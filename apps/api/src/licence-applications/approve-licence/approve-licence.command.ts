import type { LicenceApplication } from '@app/domain';
import type { CaseCall } from '../case-command/case-call.decorator';
import { CaseCommand } from '../case-command/case-command';
import type { ApproveLicenceRequest } from './approve-licence.request.dto';

export class ApproveLicenceCommand extends CaseCommand {
  constructor(
    applicationId: string,
    call: CaseCall,
    readonly request: ApproveLicenceRequest,
  ) {
    super(applicationId, call);
  }

  decide(application: LicenceApplication, at: string): void {
    application.approve({
      applicationId: this.applicationId,
      provisos: this.request.provisos ?? [],
      ...(this.request.validUntil === undefined ? {} : { validUntil: this.request.validUntil }),
      at,
      by: this.context.actor,
    });
  }
}
