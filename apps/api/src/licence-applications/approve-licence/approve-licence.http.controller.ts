import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ApproveLicenceRequest } from './approve-licence.request.dto';
import { ApproveLicenceCommand } from './approve-licence.command';

@Controller('applications')
export class ApproveLicenceController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'approve',
    roles: ['case-officer', 'supervisor'],
    summary: 'Approve the licence, with provisos',
    description: 'Approves an assigned case with no open referral, with its provisos. DSP-5/61/73/85 licences are valid four years from the approval date (58 FR 39280; that this still applies is unconfirmed in our sources); agreements (TAA, MLA, WDA) need `validUntil`, the term stated in the agreement. A case on the policy-of-denial track cannot be approved (22 CFR §126.1).',
    conflicts: ['CASE_ALREADY_DECIDED', 'POLICY_OF_DENIAL', 'CASE_NOT_ASSIGNED', 'REFERRALS_OUTSTANDING'],
  })
  approve(
    @Param('id') id: string,
    @Body() body: ApproveLicenceRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new ApproveLicenceCommand(id, call, body)));
  }
}
