import { Global, Module } from '@nestjs/common';
import { READ_MODEL_SYNC } from '../read-model-sync';
import { ReadModels } from './read-models.service';

/**
 * The read-model file and the projector that feeds it from the log; each feature owns its projections and
 * queries. Global, so command handlers can wait for the read models (`READ_MODEL_SYNC`) and queries can read them.
 */
@Global()
@Module({
  providers: [ReadModels, { provide: READ_MODEL_SYNC, useExisting: ReadModels }],
  exports: [ReadModels, READ_MODEL_SYNC],
})
export class ReadModelsModule {}
