import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import { CaseCommandHandler, CaseCommandWithReason } from '../case-command/case-command';

export class RevokeLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.revoke(this.reasoned(at));
  }
}

@CommandHandler(RevokeLicenceCommand)
export class RevokeLicenceHandler extends CaseCommandHandler<RevokeLicenceCommand> {}
