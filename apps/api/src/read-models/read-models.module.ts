import { Global, Module } from '@nestjs/common';
import { READ_MODEL_SYNC } from '../shared/read-model-sync';
import { ExpiryScheduleReadModel } from './expiry-schedule/expiry-schedule.read-model';
import { GetDashboardController } from './get-dashboard/get-dashboard.http.controller';
import { GetDashboardHandler } from './get-dashboard/get-dashboard.handler';
import { GetOfficerWorkloadController } from './get-officer-workload/get-officer-workload.http.controller';
import { GetOfficerWorkloadHandler } from './get-officer-workload/get-officer-workload.handler';
import { ListApplicationsController } from './list-applications/list-applications.http.controller';
import { ListApplicationsHandler } from './list-applications/list-applications.handler';
import { ReadModels } from './read-models.service';

/**
 * The durable read models (case list, dashboard, officers' workload, licence expiry schedule) and their routes.
 * Global, so command handlers can wait for them (`READ_MODEL_SYNC`) and the expiry scheduler can read its schedule.
 */
@Global()
@Module({
  controllers: [ListApplicationsController, GetDashboardController, GetOfficerWorkloadController],
  providers: [
    ReadModels,
    { provide: READ_MODEL_SYNC, useExisting: ReadModels },
    ExpiryScheduleReadModel,
    ListApplicationsHandler,
    GetDashboardHandler,
    GetOfficerWorkloadHandler,
  ],
  exports: [ReadModels, READ_MODEL_SYNC, ExpiryScheduleReadModel],
})
export class ReadModelsModule {}
