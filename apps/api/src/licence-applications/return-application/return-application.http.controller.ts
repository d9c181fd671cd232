import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReasonRequest } from '../case-command/reason.request.dto';
import { ReturnApplicationCommand } from './return-application.command';

@Controller('applications')
export class ReturnApplicationController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'return',
    roles: ['case-officer'],
    summary: 'Return the application without action (RWA)',
    description: 'Returns an incomplete or non-compliant application without action; the applicant resubmits as a new case. Allowed from any pending status.',
    conflicts: ['CASE_ALREADY_DECIDED'],
  })
  returnWithoutAction(
    @Param('id') id: string,
    @Body() body: ReasonRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new ReturnApplicationCommand(id, call, body)));
  }
}
