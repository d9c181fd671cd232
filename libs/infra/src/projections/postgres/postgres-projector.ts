import type { Pool, PoolClient } from 'pg';
import type { EventStore, Position } from '../../event-store/event-store.port';
import { applyPostgresMigrations } from '../../postgres/postgres-migrations';
import { inTransaction, isConnectionFailure } from '../../postgres/postgres-pool';
import { ProjectorEngine, type BatchOutcome, type ProjectorBatch } from '../projector-engine';
import { assertProjectorSetup, type ProjectorOptions } from '../projector-options';
import type { PostgresProjection, PostgresProjectionFold, ReadModelProjector } from './postgres-projection';
import { POSTGRES_PROJECTOR_MIGRATIONS, PROJECTOR_COMPONENT, readModelComponent } from './postgres-projector-schema';
import {
  deleteCheckpoint,
  lockProjections,
  readCheckpoints,
  readProjectedLog,
  saveCheckpoint,
  saveProjectedLog,
} from './postgres-projector-statements';

/** See {@link ProjectorOptions}: a PostgreSQL batch is written in one transaction, each projection in a savepoint. */
export type PostgresProjectorOptions = ProjectorOptions;

type Batch = ProjectorBatch<PostgresProjection, PostgresProjectionFold>;

/**
 * Runs {@link PostgresProjection}s over the global log of an {@link EventStore}, into a PostgreSQL database that
 * several API instances share, with the guarantees of the {@link SqliteProjector}: one pass reads each page of the
 * log once for every projection, and each batch writes all rows and all checkpoints in ONE transaction.
 *
 * Instances coordinate through one transaction-level advisory lock per projection, taken before its checkpoint is
 * read in a batch or reset transaction: two instances never interleave commits of one projection, and a fold
 * planned on a checkpoint that moved meanwhile (the other instance committed or reset it) is dropped and read
 * again. A lost connection rejects the pass with nothing half-written; the next catch-up goes on from the
 * committed checkpoints.
 *
 * The pool belongs to the caller (it may serve other components): `close` waits for the passes, never ends it.
 */
export class PostgresProjector extends ProjectorEngine<PostgresProjection, PostgresProjectionFold> implements ReadModelProjector {
  private released = false;

  private constructor(
    private readonly pool: Pool,
    store: EventStore,
    projections: readonly PostgresProjection[],
    options: PostgresProjectorOptions,
  ) {
    super('PostgresProjector', store, projections, options);
  }

  /**
   * Creates (if needed) the projector's tables (component `projector`) and each projection's (component
   * `read-model:<name>`), recorded in `schema_migrations`; instances starting together take turns.
   *
   * @throws Error when two projections share a name, or a batch size is not a positive integer.
   */
  static async open(
    pool: Pool,
    store: EventStore,
    projections: readonly PostgresProjection[],
    options: PostgresProjectorOptions = {},
  ): Promise<PostgresProjector> {
    assertProjectorSetup(projections.map((projection) => projection.name), options);
    await applyPostgresMigrations(pool, PROJECTOR_COMPONENT, POSTGRES_PROJECTOR_MIGRATIONS);
    for (const projection of projections) {
      await applyPostgresMigrations(pool, readModelComponent(projection.name), projection.migrations);
    }
    return new PostgresProjector(pool, store, projections, options);
  }

  /** A projection's stored checkpoint; `null` before its first event (or after a reset). */
  async checkpoint(name: string): Promise<Position | null> {
    this.assertOpen();
    return (await readCheckpoints(this.pool, [name])).get(name) ?? null;
  }

  protected isOpen(): boolean {
    return !this.released;
  }

  protected storedCheckpoints(names: readonly string[]): Promise<ReadonlyMap<string, Position | null>> {
    return readCheckpoints(this.pool, names);
  }

  protected openFold(projection: PostgresProjection): PostgresProjectionFold {
    return projection.fold(this.pool);
  }

  protected async commitBatch(batch: Batch): Promise<BatchOutcome> {
    const writing = batch.projections.filter((projection) => batch.folds.has(projection.name));
    if (writing.length === 0) return { failed: [], stale: false, moved: false };
    return inTransaction(this.pool, async (tx) => {
      const failed: Array<readonly [string, unknown]> = [];
      let stale = false;
      let moved = false;
      const names = writing.map((projection) => projection.name);
      // Locked first, then read: the checkpoints read are the ones this transaction moves, whoever committed last.
      await lockProjections(tx, names);
      const stored = await readCheckpoints(tx, names);
      for (const projection of writing) {
        const checkpoint = stored.get(projection.name) ?? null;
        if (checkpoint !== (batch.planned.get(projection.name) ?? null)) {
          // Another instance projected (or reset) it since the batch was planned: the fold is built on rows that
          // are no longer there. The pass plans again from the stored checkpoint.
          stale = true;
          continue;
        }
        const thrown = await writeInSavepoint(tx, batch.folds.get(projection.name)!);
        if (thrown !== null) {
          failed.push([projection.name, thrown.error]);
          continue;
        }
        const to = this.checkpointAfter(batch, checkpoint);
        if (to !== null) {
          await saveCheckpoint(tx, projection.name, to, this.now());
          moved = true;
        }
      }
      return { failed, stale, moved };
    });
  }

  protected async resetProjections(projections: readonly PostgresProjection[]): Promise<void> {
    await inTransaction(this.pool, async (tx) => {
      await lockProjections(tx, projections.map((projection) => projection.name));
      for (const projection of projections) {
        await projection.reset(tx);
        await deleteCheckpoint(tx, projection.name);
      }
    });
  }

  protected projectedLogId(): Promise<string | null> {
    return readProjectedLog(this.pool);
  }

  protected saveProjectedLogId(logId: string): Promise<void> {
    return saveProjectedLog(this.pool, logId, this.now());
  }

  protected closeStorage(): void {
    this.released = true;
  }
}

/**
 * Writes one projection's fold in a savepoint of the batch transaction: a throw rolls back its rows alone and is
 * returned, so the other projections still commit. A lost connection is thrown: the whole batch is lost with it.
 */
async function writeInSavepoint(tx: PoolClient, fold: PostgresProjectionFold): Promise<{ readonly error: unknown } | null> {
  await tx.query('SAVEPOINT projection_write');
  try {
    await fold.write(tx);
  } catch (error) {
    if (isConnectionFailure(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT projection_write');
    return { error };
  }
  await tx.query('RELEASE SAVEPOINT projection_write');
  return null;
}
