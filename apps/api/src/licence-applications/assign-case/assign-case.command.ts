import type { LicenceApplication } from '@app/domain';
import type { CaseCall } from '../case-command/case-call.decorator';
import { CaseCommand } from '../case-command/case-command';
import type { AssignCaseRequest } from './assign-case.request.dto';

export class AssignCaseCommand extends CaseCommand {
  constructor(
    applicationId: string,
    call: CaseCall,
    readonly request: AssignCaseRequest,
  ) {
    super(applicationId, call);
  }

  decide(application: LicenceApplication, at: string): void {
    application.assign({ applicationId: this.applicationId, officerId: this.request.officerId, at, by: this.context.actor });
  }
}
