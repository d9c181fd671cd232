import { Module } from '@nestjs/common';
import { CountryPolicyModule } from '../country-policy/country-policy.module';
import { GetApplicationHistoryController } from './get-application-history/get-application-history.http.controller';
import { GetApplicationHistoryHandler } from './get-application-history/get-application-history.handler';
import { GetApplicationController } from './get-application/get-application.http.controller';
import { GetApplicationHandler } from './get-application/get-application.handler';
import { SubmitApplicationController } from './submit-application/submit-application.http.controller';
import { SubmitApplicationHandler } from './submit-application/submit-application.handler';

@Module({
  imports: [CountryPolicyModule],
  controllers: [SubmitApplicationController, GetApplicationController, GetApplicationHistoryController],
  providers: [SubmitApplicationHandler, GetApplicationHandler, GetApplicationHistoryHandler],
})
export class LicenceApplicationsModule {}
