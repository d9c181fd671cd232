import type { LicenceApplication } from '@app/domain';
import type { CaseCall } from '../case-command/case-call.decorator';
import { CaseCommand } from '../case-command/case-command';
import type { ReferCaseRequest } from './refer-case.request.dto';

export class ReferCaseCommand extends CaseCommand {
  constructor(
    applicationId: string,
    call: CaseCall,
    readonly request: ReferCaseRequest,
  ) {
    super(applicationId, call);
  }

  decide(application: LicenceApplication, at: string): void {
    application.refer({ applicationId: this.applicationId, agency: this.request.agency, at, by: this.context.actor });
  }
}
