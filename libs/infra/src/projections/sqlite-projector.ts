import type Database from 'better-sqlite3';
import type { EventStore, Position } from '../event-store/event-store.port';
import { openDurableSqlite } from '../event-store/sqlite/open-durable-sqlite';
import type { Projection, ProjectionFold } from './projection';
import type { ReadModelProjector } from './postgres/postgres-projection';
import { migrateReadModels } from './projection-schema';
import { openFold } from './projection-routing';
import { ProjectorEngine, type BatchOutcome, type ProjectorBatch } from './projector-engine';
import { assertProjectorSetup, type ProjectorOptions } from './projector-options';
import { prepareProjectorStatements, type ProjectorStatements } from './projector-statements';

/** See {@link ProjectorOptions}: a SQLite batch is written in one synchronous transaction. */
export type SqliteProjectorOptions = ProjectorOptions;

/**
 * The read-model file's page cache, in KiB (SQLite's default is 2 MiB). A batch reads and writes rows all over
 * the case list and its indexes; with the default most of those pages come from the OS on every batch.
 */
const CACHE_KIB = 64 * 1024;
/**
 * WAL pages between automatic checkpoints (SQLite's default is 1 000, about 4 MB). A checkpoint copies the WAL
 * into the file and fsyncs it; a batch of a few hundred cases dirties a thousand pages or more, so the default
 * checkpointed after nearly every batch. About 40 MB of WAL instead.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

type Batch = ProjectorBatch<Projection, ProjectionFold>;

/**
 * Runs {@link Projection}s over the global log of an {@link EventStore}, into one SQLite file of their own.
 *
 * One pass reads each page of the log once for every projection, folds it, and writes all rows and all
 * checkpoints in ONE transaction, so rows and checkpoints never disagree. A projection whose checkpoint moved
 * meanwhile (another process) has its fold dropped; one that throws is rolled back alone (savepoint) and the pass
 * rejects after the others commit. Calls made in one turn of the event loop share one pass.
 *
 * `synchronous=NORMAL`: a power loss can leave the read models behind the fsynced log, never ahead of it.
 * The reasoning, batching and read-your-writes: docs/read-models.md.
 */
export class SqliteProjector extends ProjectorEngine<Projection, ProjectionFold> implements ReadModelProjector {
  private readonly statements: ProjectorStatements;
  private readonly commitImmediate: (batch: Batch) => BatchOutcome;
  /** Writes one projection's fold; nested in the batch transaction, so it runs in a savepoint. */
  private readonly writeInSavepoint: (fold: ProjectionFold) => void;
  private readonly resetImmediate: (projections: readonly Projection[]) => void;

  private constructor(
    private readonly db: Database.Database,
    store: EventStore,
    projections: readonly Projection[],
    options: SqliteProjectorOptions,
  ) {
    super('SqliteProjector', store, projections, options);
    this.statements = prepareProjectorStatements(db);
    const commit = db.transaction((batch: Batch) => this.commitInTransaction(batch));
    this.commitImmediate = (batch) => commit.immediate(batch);
    this.writeInSavepoint = db.transaction((fold: ProjectionFold) => fold.write());
    const reset = db.transaction((selected: readonly Projection[]) => {
      for (const projection of selected) {
        projection.reset(db);
        this.statements.deleteCheckpoint.run(projection.name);
      }
    });
    this.resetImmediate = (selected) => reset.immediate(selected);
  }

  /**
   * Opens (creating if needed) the read-model file and migrates every projection's schema.
   *
   * @throws CorruptDatabaseError when the file is not a database or fails a quick integrity check.
   * @throws Error when the file cannot be put in WAL mode, carries a migration from a newer build, or two
   *   projections share a name.
   */
  static open(
    filePath: string,
    store: EventStore,
    projections: readonly Projection[],
    options: SqliteProjectorOptions = {},
  ): SqliteProjector {
    assertProjectorSetup(projections.map((projection) => projection.name), options);
    return openDurableSqlite(
      filePath,
      {
        holds: 'the read models',
        // Derived data behind an fsynced log: see the class comment and docs/read-models.md.
        synchronous: 'NORMAL',
        tuning: [`cache_size = -${CACHE_KIB}`, `wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`],
        refuseDamagedPages: true,
        migrate: (db) => migrateReadModels(db, projections, options.now ?? (() => new Date())),
      },
      (db) => new SqliteProjector(db, store, projections, options),
    );
  }

  /**
   * The read-model connection, for queries. Read in a transaction (`db.transaction(fn)()`) when a query runs
   * several statements, so they see one snapshot. Never write to a projection's tables outside `apply`.
   */
  get database(): Database.Database {
    return this.db;
  }

  /** A projection's stored checkpoint; `null` before its first event (or after a reset). */
  checkpoint(name: string): Position | null {
    this.assertOpen();
    return (this.statements.checkpoint.get(name)?.position ?? null) as Position | null;
  }

  protected isOpen(): boolean {
    return this.db.open;
  }

  protected storedCheckpoints(names: readonly string[]): ReadonlyMap<string, Position | null> {
    return new Map(names.map((name) => [name, this.checkpoint(name)]));
  }

  protected openFold(projection: Projection): ProjectionFold {
    return openFold(projection, this.db);
  }

  protected commitBatch(batch: Batch): BatchOutcome {
    return this.commitImmediate(batch);
  }

  protected resetProjections(projections: readonly Projection[]): void {
    this.resetImmediate(projections);
  }

  protected projectedLogId(): string | null {
    return this.statements.projectedLog.get()?.log_id ?? null;
  }

  protected saveProjectedLogId(logId: string): void {
    this.statements.saveProjectedLog.run(logId, this.now().toISOString());
  }

  protected closeStorage(): void {
    this.db.close();
  }

  private commitInTransaction(batch: Batch): BatchOutcome {
    const failed: Array<readonly [string, unknown]> = [];
    let stale = false;
    let moved = false;
    for (const projection of batch.projections) {
      const fold = batch.folds.get(projection.name);
      if (fold === undefined) continue;
      const planned = batch.planned.get(projection.name) ?? null;
      const stored = this.checkpoint(projection.name);
      if (stored !== planned) {
        // Another process projected (or reset) it since the batch was planned: the fold is built on rows that
        // are no longer there. The pass plans again from the stored checkpoint.
        stale = true;
        continue;
      }
      try {
        this.writeInSavepoint(fold);
      } catch (error) {
        failed.push([projection.name, error]);
        continue;
      }
      const to = this.checkpointAfter(batch, stored);
      if (to !== null) {
        this.statements.saveCheckpoint.run(projection.name, to, this.now().toISOString());
        moved = true;
      }
    }
    return { failed, stale, moved };
  }
}
