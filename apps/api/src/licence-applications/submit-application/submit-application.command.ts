import { Command } from '@nestjs/cqrs';
import type { CaseView } from '../case-view/case-view';
import type { CommandContext } from '@app/infra';
import type { RequestIdempotency } from '../../shared/idempotency/request-idempotency';
import type { SubmitApplicationRequest } from './submit-application.request.dto';

export class SubmitApplicationCommand extends Command<CaseView> {
  constructor(
    readonly request: SubmitApplicationRequest,
    readonly context: CommandContext,
    /** Present when the request carries an Idempotency-Key: the new case's id is derived from it. */
    readonly idempotency?: RequestIdempotency,
  ) {
    super();
  }
}
