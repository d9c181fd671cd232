import { Command } from '@nestjs/cqrs';
import type { CaseView } from '../case-view/case-view';
import type { CommandContext } from '@app/infra';
import type { SubmitApplicationRequest } from './submit-application.request.dto';

export class SubmitApplicationCommand extends Command<CaseView> {
  constructor(
    readonly request: SubmitApplicationRequest,
    readonly context: CommandContext,
  ) {
    super();
  }
}
