import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import {
  CorruptDatabaseError,
  PostgresProjector,
  SqliteProjector,
  type EventStore,
  type PostgresProjection,
  type Projection,
  type SqliteProjectorOptions,
} from '@app/infra';
import { casesPostgresProjection } from '../../licence-applications/case-list/cases.postgres-projection';
import { casesProjection } from '../../licence-applications/case-list/cases.projection';
import { reevaluationsPostgresProjection } from '../../reevaluation/reevaluation-runs/reevaluations.postgres-projection';
import { reevaluationsProjection } from '../../reevaluation/reevaluation-runs/reevaluations.projection';

/** Every projection the API serves, in the order they run. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [casesProjection, reevaluationsProjection];

/** Their PostgreSQL twins (same names, tables and rows), in the same order. */
export const POSTGRES_READ_MODEL_PROJECTIONS: readonly PostgresProjection[] = [casesPostgresProjection, reevaluationsPostgresProjection];

/**
 * Opens the read models in the PostgreSQL database the instances share (creating their tables on first use): every
 * instance projects into the same tables, a batch and its checkpoint commit together, and a batch another instance
 * committed first is dropped and planned again.
 */
export function openPostgresReadModels(pool: Pool, store: EventStore, options: SqliteProjectorOptions = {}): Promise<PostgresProjector> {
  return PostgresProjector.open(pool, store, POSTGRES_READ_MODEL_PROJECTIONS, options);
}

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
