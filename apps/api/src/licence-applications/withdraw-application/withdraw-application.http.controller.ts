import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReasonRequest } from '../case-command/reason.request.dto';
import { WithdrawApplicationCommand } from './withdraw-application.command';

@Controller('applications')
export class WithdrawApplicationController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'withdraw',
    roles: ['intake'],
    summary: 'Withdraw the application',
    description: "Records the applicant's withdrawal of a pending application.",
    conflicts: ['CASE_ALREADY_DECIDED'],
  })
  withdraw(
    @Param('id') id: string,
    @Body() body: ReasonRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new WithdrawApplicationCommand(id, call, body)));
  }
}
