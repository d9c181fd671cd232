import type { LicenceApplication } from '@app/domain';
import type { CommandContext } from '@app/infra';
import { CaseCommand } from '../case-command/case-command';

/** Records that a licence ran past its last valid day (`today` is after `validUntil`). */
export class ExpireLicenceCommand extends CaseCommand {
  constructor(
    applicationId: string,
    readonly today: string,
    context: CommandContext,
  ) {
    super(applicationId, { ifMatch: undefined, context });
  }

  decide(application: LicenceApplication, at: string): void {
    application.expire({ applicationId: this.applicationId, today: this.today, at, by: this.context.actor });
  }
}
