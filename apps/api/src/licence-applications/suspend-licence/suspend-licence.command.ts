import { CommandHandler } from '@nestjs/cqrs';
import type { LicenceApplication } from '@app/domain';
import { CaseCommandHandler, CaseCommandWithReason } from '../case-command/case-command';

export class SuspendLicenceCommand extends CaseCommandWithReason {
  decide(application: LicenceApplication, at: string): void {
    application.suspend(this.reasoned(at));
  }
}

@CommandHandler(SuspendLicenceCommand)
export class SuspendLicenceHandler extends CaseCommandHandler<SuspendLicenceCommand> {}
