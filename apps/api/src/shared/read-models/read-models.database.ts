import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { CorruptDatabaseError, SqliteProjector, type EventStore, type Projection, type SqliteProjectorOptions } from '@app/infra';
import { casesProjection } from '../../licence-applications/case-list/cases.projection';
import { reevaluationsProjection } from '../../reevaluation/reevaluation-runs/reevaluations.projection';

/** Every projection the API serves, in the order they run. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [casesProjection, reevaluationsProjection];

/** The read-model file under DATA_DIR, beside (never inside) the event store's file. */
export function readModelsFile(dataDir: string): string {
  return path.join(dataDir, 'read-models.sqlite');
}

/**
 * Opens the read models of a data directory over an event store (used by the server and by the CLI). A damaged
 * read-model file is derived data: it is moved aside (kept for a post-mortem), `onReplaced` is told, and a new file
 * is projected from the log.
 */
export function openReadModels(
  dataDir: string,
  store: EventStore,
  options: SqliteProjectorOptions = {},
  onReplaced: (error: CorruptDatabaseError, movedTo: string) => void = () => undefined,
): SqliteProjector {
  const file = readModelsFile(dataDir);
  try {
    return SqliteProjector.open(file, store, READ_MODEL_PROJECTIONS, options);
  } catch (error) {
    if (!(error instanceof CorruptDatabaseError)) throw error;
    const movedTo = `${file}.damaged-${Date.now()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${movedTo}${suffix}`);
    }
    onReplaced(error, movedTo);
    return SqliteProjector.open(file, store, READ_MODEL_PROJECTIONS, options);
  }
}
