import { Body, Controller, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CurrentCaseCall, type CaseCall } from '../case-command/case-call.decorator';
import { CaseCommandEndpoint } from '../case-command/case-command.endpoint';
import { withCaseEtag } from '../case-command/case-command.response';
import type { CaseView } from '../case-view/case-view';
import { AssignCaseRequest } from './assign-case.request.dto';
import { AssignCaseCommand } from './assign-case.command';

@Controller('applications')
export class AssignCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  @CaseCommandEndpoint({
    path: 'assign',
    roles: ['supervisor'],
    summary: 'Assign the case to an officer',
    description: 'A supervisor assigns (or re-assigns) the case to a case officer. The first assignment moves a submitted case to under-review.',
    conflicts: ['CASE_ALREADY_DECIDED', 'ALREADY_ASSIGNED'],
  })
  assign(
    @Param('id') id: string,
    @Body() body: AssignCaseRequest,
    @CurrentCaseCall() call: CaseCall,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CaseView> {
    return withCaseEtag(response, this.commandBus.execute(new AssignCaseCommand(id, call, body)));
  }
}
