import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReferCaseRequest } from './refer-case.request.dto';
import { ReferCaseCommand } from './refer-case.command';

@Controller('applications')
export class ReferCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'referrals',
    roles: ['case-officer'],
    summary: 'Refer the case to an agency (staffing)',
    description: 'Refers the case to another agency for staffing, for example DoD/DTSA (code `DTSA`). The case is `referred` until every referral is answered.',
    conflicts: ['CASE_ALREADY_DECIDED', 'CASE_NOT_ASSIGNED', 'REFERRAL_ALREADY_OPEN'],
  })
  refer(
    @Param('id') id: string,
    @Body() body: ReferCaseRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new ReferCaseCommand(id, call, body)));
  }
}
