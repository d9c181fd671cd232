import type { LicenceApplication } from '@app/domain';
import type { CaseCall } from '../case-command/case-call.decorator';
import { CaseCommand } from '../case-command/case-command';
import type { AnswerReferralRequest } from './answer-referral.request.dto';

export class AnswerReferralCommand extends CaseCommand {
  constructor(
    applicationId: string,
    readonly agency: string,
    call: CaseCall,
    readonly request: AnswerReferralRequest,
  ) {
    super(applicationId, call);
  }

  decide(application: LicenceApplication, at: string): void {
    application.answerReferral({
      applicationId: this.applicationId,
      agency: this.agency,
      recommendation: this.request.recommendation,
      provisos: this.request.provisos ?? [],
      at,
      by: this.context.actor,
    });
  }
}
