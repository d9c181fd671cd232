import path from 'node:path';
import { SqliteProjector, type EventStore, type Projection, type SqliteProjectorOptions } from '@app/infra';
import { casesProjection } from './projections/cases.projection';
import { reevaluationsProjection } from './projections/reevaluations.projection';

/** Every projection the API serves, in the order they run. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [casesProjection, reevaluationsProjection];

/** The read-model file under DATA_DIR, beside (never inside) the event store's file. */
export function readModelsFile(dataDir: string): string {
  return path.join(dataDir, 'read-models.sqlite');
}

/** Opens the read models of a data directory over an event store (used by the server and by the CLI). */
export function openReadModels(dataDir: string, store: EventStore, options: SqliteProjectorOptions = {}): SqliteProjector {
  return SqliteProjector.open(readModelsFile(dataDir), store, READ_MODEL_PROJECTIONS, options);
}
