import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { ReasonRequest } from '../case-command/reason.request.dto';
import { SuspendLicenceCommand } from './suspend-licence.command';

@Controller('applications')
export class SuspendLicenceController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'suspend',
    roles: ['supervisor'],
    summary: 'Suspend an approved licence (§126.7)',
    description: 'Suspends an approved licence under 22 CFR §126.7, with the reason given to the applicant.',
    conflicts: ['LICENCE_NOT_ACTIVE'],
  })
  suspend(
    @Param('id') id: string,
    @Body() body: ReasonRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new SuspendLicenceCommand(id, call, body)));
  }
}
