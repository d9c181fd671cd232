import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReasonRequest } from '../case-command/reason.request.dto';
import { RevokeLicenceCommand } from './revoke-licence.command';

@Controller('applications')
export class RevokeLicenceController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'revoke',
    roles: ['supervisor'],
    summary: 'Revoke an approved or suspended licence (§126.7)',
    description: 'Revokes a licence under 22 CFR §126.7, with the reason given to the applicant.',
    conflicts: ['LICENCE_NOT_ACTIVE'],
  })
  revoke(
    @Param('id') id: string,
    @Body() body: ReasonRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new RevokeLicenceCommand(id, call, body)));
  }
}
