import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReasonRequest } from '../case-command/reason.request.dto';
import { DenyLicenceCommand } from './deny-licence.command';

@Controller('applications')
export class DenyLicenceController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'deny',
    roles: ['case-officer', 'supervisor'],
    summary: 'Deny the licence',
    description: 'Records the denial with its reason (22 CFR §126.7(a)). Allowed on an assigned pending case, also while referrals are open.',
    conflicts: ['CASE_ALREADY_DECIDED', 'CASE_NOT_ASSIGNED'],
  })
  deny(
    @Param('id') id: string,
    @Body() body: ReasonRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new DenyLicenceCommand(id, call, body)));
  }
}
