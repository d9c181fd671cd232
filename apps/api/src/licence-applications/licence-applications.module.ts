import { Module } from '@nestjs/common';
import { CountryPolicyModule } from '../country-policy/country-policy.module';
import { AssignCaseController } from './assign-case/assign-case.http.controller';
import { AssignCaseHandler } from './assign-case/assign-case.command';
import { ReferCaseController } from './refer-case/refer-case.http.controller';
import { ReferCaseHandler } from './refer-case/refer-case.command';
import { AnswerReferralController } from './answer-referral/answer-referral.http.controller';
import { AnswerReferralHandler } from './answer-referral/answer-referral.command';
import { ApproveLicenceController } from './approve-licence/approve-licence.http.controller';
import { ApproveLicenceHandler } from './approve-licence/approve-licence.command';
import { DenyLicenceController } from './deny-licence/deny-licence.http.controller';
import { DenyLicenceHandler } from './deny-licence/deny-licence.command';
import { ReturnApplicationController } from './return-application/return-application.http.controller';
import { ReturnApplicationHandler } from './return-application/return-application.command';
import { WithdrawApplicationController } from './withdraw-application/withdraw-application.http.controller';
import { WithdrawApplicationHandler } from './withdraw-application/withdraw-application.command';
import { SuspendLicenceController } from './suspend-licence/suspend-licence.http.controller';
import { SuspendLicenceHandler } from './suspend-licence/suspend-licence.command';
import { RevokeLicenceController } from './revoke-licence/revoke-licence.http.controller';
import { RevokeLicenceHandler } from './revoke-licence/revoke-licence.command';
import { CaseCommandRunner } from './case-command/case-command.runner';
import { ExpireLicenceHandler } from './expire-licences/expire-licence.command';
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
    CaseCommandRunner,
    ExpireLicenceHandler,
    LicenceExpiryMetrics,
    LicenceExpiryScheduler,
    AssignCaseHandler,
    ReferCaseHandler,
    AnswerReferralHandler,
    ApproveLicenceHandler,
    DenyLicenceHandler,
    ReturnApplicationHandler,
    WithdrawApplicationHandler,
    SuspendLicenceHandler,
    RevokeLicenceHandler,
  ],
})
export class LicenceApplicationsModule {}
