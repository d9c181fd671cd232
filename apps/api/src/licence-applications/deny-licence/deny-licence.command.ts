import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import { CaseCommandHandler, CaseCommandWithReason } from '../case-command/case-command';

export class DenyLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.deny(this.reasoned(at));
  }
}

@CommandHandler(DenyLicenceCommand)
export class DenyLicenceHandler extends CaseCommandHandler<DenyLicenceCommand> {}
