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
import { ExpiryScheduleReadModel } from './expire-licences/expiry-schedule.read-model';
import { GetDashboardController } from './get-dashboard/get-dashboard.http.controller';
import { GetDashboardHandler } from './get-dashboard/get-dashboard.handler';
import { GetOfficerWorkloadController } from './get-officer-workload/get-officer-workload.http.controller';
import { GetOfficerWorkloadHandler } from './get-officer-workload/get-officer-workload.handler';
import { ListApplicationsController } from './list-applications/list-applications.http.controller';
import { ListApplicationsHandler } from './list-applications/list-applications.handler';

/** Intake, the officers' lifecycle commands, licence expiry, and the case views: one case, the list, the dashboard, the workload. */
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
    ListApplicationsController,
    GetDashboardController,
    GetOfficerWorkloadController,
  ],
  providers: [
    SubmitApplicationHandler,
    GetApplicationHandler,
    GetApplicationHistoryHandler,
    CaseCommandHandler,
    LicenceExpiryMetrics,
    LicenceExpiryScheduler,
    ExpiryScheduleReadModel,
    ListApplicationsHandler,
    GetDashboardHandler,
    GetOfficerWorkloadHandler,
  ],
})
export class LicenceApplicationsModule {}
