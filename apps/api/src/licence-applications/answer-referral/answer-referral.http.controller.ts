import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiParam } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { AnswerReferralCommand } from './answer-referral.command';
import { AnswerReferralRequest } from './answer-referral.request.dto';

@Controller('applications')
export class AnswerReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'referrals/:agency/answer',
    roles: ['case-officer'],
    summary: "Record an agency's answer to a referral",
    description:
      "Records the staffed agency's recommendation and provisos. When every referral is answered the case " +
      'returns to under-review.',
    conflicts: ['CASE_ALREADY_DECIDED', 'REFERRAL_NOT_FOUND', 'REFERRAL_ALREADY_ANSWERED'],
  })
  @ApiParam({ name: 'agency', example: 'DTSA', description: 'The agency code the case was referred to' })
  answer(
    @Param('id') id: string,
    @Param('agency') agency: string,
    @Body() body: AnswerReferralRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new AnswerReferralCommand(id, agency.toUpperCase(), call, body)));
  }
}
