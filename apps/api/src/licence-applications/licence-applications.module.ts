import { Module } from '@nestjs/common';
import { CountryPolicyModule } from '../country-policy/country-policy.module';
import { AssignCaseController } from './assign-case/assign-case.http.controller';
import { ReferCaseController } from './refer-case/refer-case.http.controller';
import { AnswerReferralController } from './answer-referral/answer-referral.http.controller';
import { ApproveLicenceController } from './approve-licence/approve-licence.http.controller';
import { DenyLicenceController } from './deny-licence/deny-licence.http.controller';
import { ReturnApplicationController } from './return-application/return-application.http.controller';
import { WithdrawApplicationController } from './withdraw-application/withdraw-application.http.controller';
import { SuspendLicenceController } from './suspend-licence/suspend-licence.http.controller';
import { RevokeLicenceController } from './revoke-licence/revoke-licence.http.controller';
import { CaseCommandHandler } from './case-command/case-command.handler';
import { LicenceExpiryMetrics } from './expire-licences/licence-expiry.metrics';
import { LicenceExpiryScheduler } from './expire-licences/licence-expiry.scheduler';
import { GetApplicationHistoryController } from './get-application-history/get-application-history.http.controller';
import { GetApplicationHistoryHandler } from './get-application-history/get-application-history.handler';
import { GetApplicationController } from './get-application/get-application.http.controller';
import { GetApplicationHandler } from './get-application/get-application.handler';
import { SubmitApplicationController } from './submit-application/submit-application.http.controller';
import { SubmitApplicationHandler } from './submit-application/submit-application.handler';

/** Intake, the officers' lifecycle commands, licence expiry, and reading one case. */
@Module({
  imports: [CountryPolicyModule],
  controllers: [
    SubmitApplicationController,
    GetApplicationController,
    GetApplicationHistoryController,
    AssignCaseController,
    ReferCaseController,
    AnswerReferralController,
    ApproveLicenceController,
    DenyLicenceController,
    ReturnApplicationController,
    WithdrawApplicationController,
    SuspendLicenceController,
    RevokeLicenceController,
  ],
  providers: [
    SubmitApplicationHandler,
    GetApplicationHandler,
    GetApplicationHistoryHandler,
    CaseCommandHandler,
    LicenceExpiryMetrics,
    LicenceExpiryScheduler,
  ],
})
export class LicenceApplicationsModule {}
