import type Database from 'better-sqlite3';
import type { EventStore, Position } from '../event-store/event-store.port';
import { openDurableSqlite } from '../event-store/sqlite/open-durable-sqlite';
import {
  ProjectionTimeoutError,
  type Projection,
  type ProjectionFold,
  type ProjectionLag,
  type RebuildProgress,
  type RebuildReport,
} from './projection';
import { ENGINE, migrateReadModels } from './projection-schema';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { raceTimeout } from './race-timeout';
import { openFold, ProjectionRouting } from './projection-routing';
import { prepareProjectorStatements, type ProjectorStatements } from './projector-statements';

export interface SqliteProjectorOptions {
  /** Events read per page of the log. Default 1 000. */
  readonly batchSize?: number;
  /**
   * While the log returns full pages (a backlog), the pages are folded into one batch until the folds hold this
   * many rows (see ProjectionFold.held); then the batch is written, in one synchronous transaction. Default 20 000.
   */
  readonly maxBatchRows?: number;
  /**
   * The same, for a batch of a projection that starts from the beginning of the log (a rebuild, a first catch-up):
   * a case's events are spread over the whole log, so the larger the batch, the fewer times each case is written.
   * Default 200 000.
   */
  readonly maxReplayBatchRows?: number;
  /** `eventsBehind` counts at most this many events. Default 10 000. */
  readonly lagCap?: number;
  /** Stamps `updated_at` of checkpoints and `applied_at` of migrations. Default: the system clock. */
  readonly now?: () => Date;
  /** Told why, before the read models are rebuilt because they do not belong to the log (see `catchUp`). */
  readonly onDivergence?: (reason: string) => void;
}

const DEFAULT_BATCH = 1_000;
/** A write of a few tenths of a second: a backlog does not hold the event loop for long. */
const DEFAULT_MAX_BATCH_ROWS = 20_000;
/** About 100 MB of case rows in memory: a rebuild of 100 000 cases writes each case once. */
const DEFAULT_MAX_REPLAY_BATCH_ROWS = 200_000;
const DEFAULT_LAG_CAP = 10_000;
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
const noop = () => undefined;

/** A batch being folded: the projections it is read for, each one's checkpoint then, and their folds. */
interface Batch {
  readonly projections: readonly Projection[];
  readonly planned: ReadonlyMap<string, Position | null>;
  readonly folds: Map<string, ProjectionFold>;
  /** Every event of the projections' categories up to here was folded: their checkpoints may move here. */
  scannedTo: Position | null;
}

/** What one batch transaction did. */
interface BatchOutcome {
  /** Projections whose fold threw while written: their part of the batch was rolled back. */
  readonly failed: ReadonlyArray<readonly [string, unknown]>;
  /** A projection's checkpoint moved (another process) after its batch was planned: its fold was dropped. */
  readonly stale: boolean;
  /** Some checkpoint moved past where it was when the batch was planned. */
  readonly moved: boolean;
}

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
export class SqliteProjector {
  private readonly batchSize: number;
  private readonly maxBatchRows: number;
  private readonly maxReplayBatchRows: number;
  private readonly lagCap: number;
  private readonly now: () => Date;
  private readonly onDivergence: (reason: string) => void;
  private readonly statements: ProjectorStatements;
  private readonly routing: ProjectionRouting;
  private readonly commitBatch: (batch: Batch) => BatchOutcome;
  /** Writes one projection's fold; nested in the batch transaction, so it runs in a savepoint. */
  private readonly writeInSavepoint: (fold: ProjectionFold) => void;
  private readonly resetProjections: (projections: readonly Projection[]) => void;
  /** The last pass or rebuild queued; every new one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A catch-up pass queued but not started yet: later callers join it. */
  private queuedPass: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    options: SqliteProjectorOptions,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
    this.maxReplayBatchRows = options.maxReplayBatchRows ?? DEFAULT_MAX_REPLAY_BATCH_ROWS;
    this.lagCap = options.lagCap ?? DEFAULT_LAG_CAP;
    this.now = options.now ?? (() => new Date());
    this.onDivergence = options.onDivergence ?? noop;
    this.statements = prepareProjectorStatements(db);
    this.routing = new ProjectionRouting(projections, store);
    const commit = db.transaction((batch: Batch) => this.commitInTransaction(batch));
    this.commitBatch = (batch) => commit.immediate(batch);
    this.writeInSavepoint = db.transaction((fold: ProjectionFold) => fold.write());
    const reset = db.transaction((selected: readonly Projection[]) => {
      for (const projection of selected) {
        projection.reset(db);
        this.statements.deleteCheckpoint.run(projection.name);
      }
    });
    this.resetProjections = (selected) => reset.immediate(selected);
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
    const names = projections.map((projection) => projection.name);
    if (new Set(names).size !== names.length || names.includes(ENGINE)) {
      throw new Error(`Projection names must be unique and not ${ENGINE}: ${names.join(', ')}`);
    }
    const sizes = [
      ['batchSize', options.batchSize],
      ['maxBatchRows', options.maxBatchRows],
      ['maxReplayBatchRows', options.maxReplayBatchRows],
    ] as const;
    for (const [option, value] of sizes) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw new RangeError(`${option} must be a positive integer, got ${value}`);
      }
    }
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

  /** The projections, in the order they are run. */
  get names(): string[] {
    return this.projections.map((projection) => projection.name);
  }

  /** A projection's stored checkpoint; `null` before its first event (or after a reset). */
  checkpoint(name: string): Position | null {
    this.assertOpen();
    return (this.statements.checkpoint.get(name)?.position ?? null) as Position | null;
  }

  /**
   * Applies every event committed before the call to every projection, in one pass (see the class comment).
   * The pass first checks that the read models belong to the log: recorded from the same log (`EventStore.logId`)
   * and no checkpoint beyond its last position (an older backup of the log was restored). If not, it rebuilds them
   * all from the log instead, after telling `onDivergence` why: they are derived data, and serving them would show
   * cases that no longer exist and hide new ones. Rejects with the first projection's error (e.g. a throwing
   * `apply`); the other projections still run, and a failed projection keeps its last committed batch.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('SqliteProjector is closed'));
    if (this.queuedPass !== null) return this.queuedPass;
    const pass = this.tail
      .catch(noop)
      .then(() => nextTurn())
      .then(() => {
        this.queuedPass = null;
        return this.runCatchUp();
      });
    this.queuedPass = pass;
    this.tail = pass;
    return pass;
  }

  /**
   * Resolves once every projection's checkpoint is at or after `position`, joining or starting passes as needed.
   *
   * @throws ProjectionTimeoutError when that has not happened within `timeoutMs`.
   */
  async waitForPosition(position: Position, timeoutMs = 5_000): Promise<void> {
    if (!this.store.isPosition(position)) throw new TypeError(`Not a position: ${JSON.stringify(position)}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = this.behind(position);
      if (behind.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ProjectionTimeoutError(position, timeoutMs, behind);
      if (await raceTimeout(this.catchUp(), remaining)) continue;
      if (this.behind(position).length === 0) return;
      // The pass had read the log before `position` was committed: the next one sees it. A position the log does
      // not hold yet (another process's, not visible yet, or a wrong one) is waited for without spinning.
      const head = await this.store.lastPosition();
      if (head === null || this.store.comparePositions(position, head) > 0) {
        await sleep(Math.min(20, Math.max(0, deadline - Date.now())));
      }
    }
  }

  /** Each projection's checkpoint against the log's last position. */
  async lag(): Promise<ProjectionLag[]> {
    this.assertOpen();
    const lastPosition = await this.store.lastPosition();
    const report: ProjectionLag[] = [];
    for (const projection of this.projections) {
      const position = this.checkpoint(projection.name);
      let behind = 0;
      if (lastPosition !== null && isBefore(this.store, position, lastPosition)) {
        const events = await this.store.readAll({
          ...(position === null ? {} : { after: position }),
          limit: this.lagCap + 1,
          ...(projection.categories ? { categories: projection.categories } : {}),
        });
        behind = events.length;
      }
      report.push({
        name: projection.name,
        position,
        lastPosition,
        eventsBehind: Math.min(behind, this.lagCap),
        eventsBehindCapped: behind > this.lagCap,
        eventsBehindCap: this.lagCap,
        caughtUp: behind === 0,
      });
    }
    return report;
  }

  /**
   * Rebuilds every projection (or the named ones) from the start of the log: the events to replay are counted
   * (without reading them when the store can count), one transaction deletes the projections' rows and
   * checkpoints, and one pass replays the log for all of them, in batches of up to `maxReplayBatchRows` rows, each
   * committed with the checkpoints. Queued behind any running pass; catch-up calls made meanwhile wait for it.
   *
   * Other processes projecting into the same file stay correct: a batch they read before the reset is dropped
   * (its starting checkpoint is gone), and so is a batch of this replay if another process moved a checkpoint
   * while it was read.
   */
  rebuild(onProgress: (progress: RebuildProgress) => void = noop, names?: readonly string[]): Promise<RebuildReport> {
    if (this.closed) return Promise.reject(new Error('SqliteProjector is closed'));
    const selected = names === undefined ? this.projections : this.projections.filter((p) => names.includes(p.name));
    const unknown = (names ?? []).filter((name) => !this.projections.some((p) => p.name === name));
    if (unknown.length > 0) return Promise.reject(new Error(`Unknown projections: ${unknown.join(', ')}`));
    const run = this.tail.catch(noop).then(() => this.runRebuild(selected, onProgress));
    this.tail = run;
    return run;
  }

  /** Waits for the running and queued passes, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail.catch(noop);
    if (this.db.open) this.db.close();
  }

  private async runCatchUp(): Promise<void> {
    const divergence = await this.divergence();
    if (divergence !== null) {
      this.onDivergence(divergence);
      await this.runRebuild(this.projections, noop);
      return;
    }
    await this.runPass(this.projections, noop);
  }

  /** Why the read models cannot be caught up with the log (they must be rebuilt), or null when they can. */
  private async divergence(): Promise<string | null> {
    this.assertOpen();
    const logId = await this.store.logId();
    const recorded = this.statements.projectedLog.get()?.log_id ?? null;
    if (recorded !== null && recorded !== logId) {
      return `they were projected from another event log (log id ${recorded}; the event log's is ${logId})`;
    }
    const head = await this.store.lastPosition();
    const ahead = this.projections
      .map((projection) => [projection.name, this.checkpoint(projection.name)] as const)
      .filter(([, checkpoint]) => checkpoint !== null && (head === null || this.store.comparePositions(checkpoint, head) > 0));
    if (ahead.length > 0) {
      return (
        `their checkpoints (${ahead.map(([name, checkpoint]) => `${name} at ${checkpoint}`).join(', ')}) are beyond the ` +
        `event log's last position ${head ?? '(empty log)'}: the event log was restored from an older copy`
      );
    }
    // A file from before the log had an identity, and consistent with it: adopt the log.
    if (recorded === null) this.statements.saveProjectedLog.run(logId, this.now().toISOString());
    return null;
  }

  private async runRebuild(
    projections: readonly Projection[],
    onProgress: (progress: RebuildProgress) => void,
  ): Promise<RebuildReport> {
    this.assertOpen();
    const started = Date.now();
    // Rebuilt whole, the file now belongs to this log (a partial rebuild leaves the others as they were).
    if (projections.length === this.projections.length) this.statements.saveProjectedLog.run(await this.store.logId(), this.now().toISOString());
    let total = 0;
    for (const count of await this.routing.count(projections)) total += count;
    let processed = 0;
    onProgress({ processed, total });
    this.resetProjections(projections);
    const events = new Map(projections.map((projection) => [projection.name, 0]));
    await this.runPass(projections, (taken) => {
      for (const [name, count] of taken) {
        events.set(name, (events.get(name) ?? 0) + count);
        processed += count;
      }
      total = Math.max(total, processed);
      onProgress({ processed, total });
    });
    const report = projections.map((projection) => ({
      name: projection.name,
      events: events.get(projection.name) ?? 0,
      position: this.checkpoint(projection.name),
    }));
    return { projections: report, processed, durationMs: Date.now() - started };
  }

  /**
   * Reads the log once for all `projections`, batch after batch, until each has passed the log's last position.
   * `onBatch` is told the events each projection was handed.
   */
  private async runPass(projections: readonly Projection[], onBatch: (taken: ReadonlyMap<string, number>) => void): Promise<void> {
    let running = projections;
    let firstError: unknown = null;
    // A pass that starts from the beginning of the log (a rebuild, a first catch-up) replays it in larger batches.
    let maxRows: number | null = null;
    for (;;) {
      this.assertOpen();
      const head = await this.store.lastPosition();
      if (head === null) break;
      const planned = new Map(running.map((projection) => [projection.name, this.checkpoint(projection.name)]));
      const behind = running.filter((projection) => isBefore(this.store, planned.get(projection.name)!, head));
      if (behind.length === 0) break;
      maxRows ??= behind.some((projection) => planned.get(projection.name) === null) ? this.maxReplayBatchRows : this.maxBatchRows;
      const { batch, exhausted, failed } = await this.foldBatch(behind, planned, head, maxRows, onBatch);
      const outcome = this.commitBatch(batch);
      for (const [name, error] of [...failed, ...outcome.failed]) {
        firstError ??= error;
        running = running.filter((projection) => projection.name !== name);
      }
      if (exhausted && !outcome.stale) break;
      if (!exhausted && !outcome.moved && !outcome.stale && outcome.failed.length === 0 && failed.length === 0) {
        // A full batch of events all at or before the checkpoints: the store did not honour `after`.
        const names = behind.map((projection) => projection.name).join(', ');
        throw new Error(`${names}: the event store returned no event after position ${this.earliest([...planned.values()]) ?? '(start)'}`);
      }
      // Let the event loop serve requests between batches: a long replay must not freeze the server.
      await nextTurn();
    }
    if (firstError !== null) throw firstError;
  }

  /**
   * Reads pages of the log after the earliest planned checkpoint and folds each projection's events into its
   * fold. A short page ends the batch (the log is exhausted); while pages come back full (a backlog, a rebuild)
   * they are folded into the same batch until the folds hold `maxRows` rows, so a row is written once per batch
   * however many pages its events span.
   */
  private async foldBatch(
    projections: readonly Projection[],
    planned: ReadonlyMap<string, Position | null>,
    head: Position,
    maxRows: number,
    onBatch: (taken: ReadonlyMap<string, number>) => void,
  ) {
    const folds = new Map(projections.map((p) => [p.name, openFold(p, this.db)]));
    const batch: Batch = { projections, planned, folds, scannedTo: null };
    const failed: Array<readonly [string, unknown]> = [];
    const categories = this.routing.categoriesFor(projections);
    let after = this.earliest(projections.map((projection) => planned.get(projection.name)!));
    for (;;) {
      const events = await this.store.readAll({
        ...(after === null ? {} : { after }),
        limit: this.batchSize,
        ...(categories === null ? {} : { categories }),
      });
      this.assertOpen();
      const exhausted = events.length < this.batchSize;
      const taken = new Map<string, number>();
      const page = this.routing.page(events);
      for (const [name, fold] of folds) {
        const own = this.routing.eventsFor(name, page, planned.get(name)!);
        try {
          fold.add(own);
        } catch (error) {
          failed.push([name, error]);
          folds.delete(name);
          continue;
        }
        taken.set(name, own.length);
      }
      onBatch(taken);
      const last = events.at(-1)?.position ?? null;
      // `head` was read before the first page: every event up to it was visible to the reads, so once a page is
      // short the projections have seen all of their events up to `head` (or the page's last event, if later).
      batch.scannedTo = exhausted && (last === null || this.store.comparePositions(head, last) > 0) ? head : last;
      if (exhausted || folds.size === 0) return { batch, exhausted, failed };
      let held = 0;
      for (const fold of folds.values()) held += fold.held;
      if (held >= maxRows) return { batch, exhausted, failed };
      after = last;
      await nextTurn();
    }
  }

  private commitInTransaction(batch: Batch): BatchOutcome {
    const failed: Array<readonly [string, unknown]> = [];
    let stale = false;
    let moved = false;
    for (const projection of batch.projections) {
      const fold = batch.folds.get(projection.name);
      if (fold === undefined) continue;
      const planned = batch.planned.get(projection.name)!;
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
      const scannedTo = batch.scannedTo;
      if (scannedTo !== null && (stored === null || this.store.comparePositions(scannedTo, stored) > 0)) {
        this.statements.saveCheckpoint.run(projection.name, scannedTo, this.now().toISOString());
        moved = true;
      }
    }
    return { failed, stale, moved };
  }

  /** The earliest of some checkpoints; null (the start of the log) when one of them is null. */
  private earliest(checkpoints: ReadonlyArray<Position | null>): Position | null {
    let earliest: Position | null = checkpoints[0] ?? null;
    for (const checkpoint of checkpoints) {
      if (checkpoint === null) return null;
      if (earliest !== null && this.store.comparePositions(checkpoint, earliest) < 0) earliest = checkpoint;
    }
    return earliest;
  }

  /** The projections whose checkpoint is before `position`. */
  private behind(position: Position): string[] {
    return this.projections
      .filter((projection) => isBefore(this.store, this.checkpoint(projection.name), position))
      .map((projection) => projection.name);
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteProjector is closed');
  }
}

/** Whether a checkpoint (null: nothing projected yet) is before `position`. */
function isBefore(store: EventStore, checkpoint: Position | null, position: Position): boolean {
  return checkpoint === null || store.comparePositions(checkpoint, position) < 0;
}
