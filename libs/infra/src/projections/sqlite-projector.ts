import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.port';
import { SQLITE_BUSY_TIMEOUT_MS } from '../event-store/sqlite/sqlite-event-store';
import {
  ProjectionTimeoutError,
  type Projection,
  type ProjectionLag,
  type RebuildProgress,
  type RebuildReport,
} from './projection';
import { ENGINE, migrateReadModels } from './projection-schema';
import { CorruptDatabaseError, openChecked, quickCheck } from '../event-store/sqlite/sqlite-integrity';

export interface SqliteProjectorOptions {
  /** Events read and committed per transaction. Default 500. */
  readonly batchSize?: number;
  /** `eventsBehind` counts at most this many events. Default 10 000. */
  readonly lagCap?: number;
  /** Stamps `updated_at` of checkpoints and `applied_at` of migrations. Default: the system clock. */
  readonly now?: () => Date;
  /** Told why, before the read models are rebuilt because they do not belong to the log (see `catchUp`). */
  readonly onDivergence?: (reason: string) => void;
}

const DEFAULT_BATCH = 500;
const DEFAULT_LAG_CAP = 10_000;
const COUNT_BATCH = 1_000;
const noop = () => undefined;

/** What one batch transaction did. */
type BatchOutcome =
  | { readonly kind: 'committed'; readonly applied: number; readonly checkpoint: Position | null }
  /** The stored checkpoint went back (a rebuild reset it) after the batch was read: the batch was discarded. */
  | { readonly kind: 'stale' };

/**
 * Runs {@link Projection}s over the global log of an {@link EventStore}, into one SQLite file of their own
 * (WAL, `synchronous=FULL`, STRICT tables), separate from the event store.
 *
 * Each batch of events is applied in ONE IMMEDIATE transaction that also writes the projection's checkpoint, so
 * rows and checkpoint never disagree: a crash or a throwing `apply` leaves both as the previous batch left them.
 * Inside the transaction the checkpoint is read again and every event at or before it is skipped, so a batch
 * delivered twice (a retry, or another process on the same file projecting the same events) changes nothing.
 *
 * After a full pass the checkpoint is moved to the log's last position seen at the start of the read, even when
 * the projection's categories had no event there, so `waitForPosition` can compare any position with it.
 *
 * Catch-up passes and rebuilds run one at a time: a `catchUp` call made while a pass runs joins the single pass
 * queued after it, so callers never start more than one extra pass and every caller sees the events committed
 * before its call.
 */
export class SqliteProjector {
  private readonly batchSize: number;
  private readonly lagCap: number;
  private readonly now: () => Date;
  private readonly onDivergence: (reason: string) => void;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly commitBatch: (
    projection: Projection,
    after: Position | null,
    events: readonly RecordedEvent[],
    scannedTo: Position | null,
  ) => BatchOutcome;
  private readonly resetProjection: (projection: Projection) => void;
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
    this.lagCap = options.lagCap ?? DEFAULT_LAG_CAP;
    this.now = options.now ?? (() => new Date());
    this.onDivergence = options.onDivergence ?? noop;
    this.statements = prepare(db);
    const commit = db.transaction(
      (projection: Projection, after: Position | null, events: readonly RecordedEvent[], scannedTo: Position | null) =>
        this.commitInTransaction(projection, after, events, scannedTo),
    );
    this.commitBatch = (...args) => commit.immediate(...args);
    const reset = db.transaction((projection: Projection) => {
      projection.reset(db);
      this.statements.deleteCheckpoint.run(projection.name);
    });
    this.resetProjection = (projection) => reset.immediate(projection);
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
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    mkdirSync(dirname(resolve(filePath)), { recursive: true });
    return openChecked(filePath, () => {
      const db = new Database(filePath, { timeout: SQLITE_BUSY_TIMEOUT_MS });
      try {
        const journalMode = db.pragma('journal_mode = WAL', { simple: true });
        if (journalMode !== 'wal') throw new Error(`SQLite refused WAL mode for the read models (journal_mode is ${String(journalMode)})`);
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        const problems = quickCheck(db);
        if (problems.length > 0) throw new CorruptDatabaseError(filePath, problems);
        migrateReadModels(db, projections, options.now ?? (() => new Date()));
        return new SqliteProjector(db, store, projections, options);
      } catch (error) {
        db.close();
        throw error;
      }
    });
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
   * Applies every event committed before the call, in batches, to every projection. Each pass first checks that
   * the read models belong to the log: recorded from the same log (`EventStore.logId`) and no checkpoint beyond
   * its last position (an older backup of the log was restored). If not, it rebuilds them all from the log
   * instead, after telling `onDivergence` why: they are derived data, and serving them would show cases that no
   * longer exist and hide new ones. Rejects with the first
   * projection's error (e.g. a throwing `apply`); the other projections still run, and a failed projection keeps
   * its last committed batch.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('SqliteProjector is closed'));
    if (this.queuedPass !== null) return this.queuedPass;
    const pass = this.tail.catch(noop).then(() => {
      this.queuedPass = null;
      return this.runPass();
    });
    this.queuedPass = pass;
    this.tail = pass;
    return pass;
  }

  /**
   * Resolves once every projection's checkpoint is at or after `position`, catching up as needed.
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
      const timedOut = await raceTimeout(this.catchUp(), remaining);
      if (!timedOut && this.behind(position).length > 0) await sleep(Math.min(20, Math.max(0, deadline - Date.now())));
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
      if (lastPosition !== null && (position === null || this.store.comparePositions(position, lastPosition) < 0)) {
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
   * Rebuilds every projection (or the named ones) from the start of the log: a counting pass gives the total,
   * then, per projection, one transaction deletes its rows and checkpoint and the replay commits batch by batch.
   * Queued behind any running pass; catch-up calls made meanwhile wait for it.
   *
   * Other processes projecting into the same file stay correct: a batch they read before the reset is discarded
   * (its starting checkpoint is gone), and events already replayed are skipped by the checkpoint check.
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

  private async runPass(): Promise<void> {
    const divergence = await this.divergence();
    if (divergence !== null) {
      this.onDivergence(divergence);
      await this.runRebuild(this.projections, noop);
      return;
    }
    let firstError: unknown = null;
    for (const projection of this.projections) {
      try {
        await this.catchUpProjection(projection, noop);
      } catch (error) {
        firstError ??= error;
      }
    }
    if (firstError !== null) throw firstError;
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
    for (const projection of projections) total += await this.countEvents(projection);
    let processed = 0;
    onProgress({ projection: null, processed, total });
    const report: Array<{ name: string; events: number; position: Position | null }> = [];
    for (const projection of projections) {
      this.resetProjection(projection);
      let events = 0;
      await this.catchUpProjection(projection, (read) => {
        events += read;
        processed += read;
        total = Math.max(total, processed);
        onProgress({ projection: projection.name, processed, total });
      });
      report.push({ name: projection.name, events, position: this.checkpoint(projection.name) });
    }
    return { projections: report, processed, durationMs: Date.now() - started };
  }

  /** Reads batches after the checkpoint and commits each until a short batch shows the log is exhausted. */
  private async catchUpProjection(projection: Projection, onBatch: (read: number) => void): Promise<void> {
    for (;;) {
      this.assertOpen();
      const head = await this.store.lastPosition();
      if (head === null) return;
      const after = this.checkpoint(projection.name);
      if (after !== null && this.store.comparePositions(after, head) >= 0) return;
      const events = await this.store.readAll({
        ...(after === null ? {} : { after }),
        limit: this.batchSize,
        ...(projection.categories ? { categories: projection.categories } : {}),
      });
      const exhausted = events.length < this.batchSize;
      this.assertOpen();
      // `head` was read before the batch: every event up to it was visible to the read, so when the batch is
      // short the projection has seen all of its events up to `head` and may record that.
      const outcome = this.commitBatch(projection, after, events, exhausted ? head : null);
      if (outcome.kind === 'stale') continue;
      if (events.length > 0) onBatch(events.length);
      if (exhausted) return;
      if (outcome.kind === 'committed' && outcome.checkpoint === after) {
        // A full batch of events all at or before the checkpoint: the store did not honour `after`.
        throw new Error(`${projection.name}: the event store returned no event after position ${after ?? '(start)'}`);
      }
    }
  }

  private commitInTransaction(
    projection: Projection,
    after: Position | null,
    events: readonly RecordedEvent[],
    scannedTo: Position | null,
  ): BatchOutcome {
    const compare = (a: Position, b: Position) => this.store.comparePositions(a, b);
    const stored = this.checkpoint(projection.name);
    if (after !== null && (stored === null || compare(stored, after) < 0)) return { kind: 'stale' };
    let position = stored;
    let applied = 0;
    for (const event of events) {
      if (position !== null && compare(event.position, position) <= 0) continue;
      projection.apply(this.db, event);
      position = event.position;
      applied += 1;
    }
    if (scannedTo !== null && (position === null || compare(scannedTo, position) > 0)) position = scannedTo;
    if (position !== null && position !== stored) {
      this.statements.saveCheckpoint.run(projection.name, position, this.now().toISOString());
    }
    return { kind: 'committed', applied, checkpoint: position };
  }

  private async countEvents(projection: Projection): Promise<number> {
    let count = 0;
    let after: Position | undefined;
    for (;;) {
      const events = await this.store.readAll({
        ...(after === undefined ? {} : { after }),
        limit: COUNT_BATCH,
        ...(projection.categories ? { categories: projection.categories } : {}),
      });
      count += events.length;
      if (events.length < COUNT_BATCH) return count;
      after = events[events.length - 1]!.position;
    }
  }

  /** The projections whose checkpoint is before `position`. */
  private behind(position: Position): string[] {
    return this.projections
      .filter((projection) => {
        const checkpoint = this.checkpoint(projection.name);
        return checkpoint === null || this.store.comparePositions(checkpoint, position) < 0;
      })
      .map((projection) => projection.name);
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteProjector is closed');
  }
}

function prepare(db: Database.Database) {
  return {
    checkpoint: db.prepare<[string], { position: string }>('SELECT position FROM projection_checkpoints WHERE projection = ?'),
    saveCheckpoint: db.prepare<[string, string, string]>(
      `INSERT INTO projection_checkpoints (projection, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    ),
    deleteCheckpoint: db.prepare<[string]>('DELETE FROM projection_checkpoints WHERE projection = ?'),
    projectedLog: db.prepare<[], { log_id: string }>('SELECT log_id FROM projected_log WHERE singleton = 1'),
    saveProjectedLog: db.prepare<[string, string]>(
      `INSERT INTO projected_log (singleton, log_id, recorded_at) VALUES (1, ?, ?)
       ON CONFLICT (singleton) DO UPDATE SET log_id = excluded.log_id, recorded_at = excluded.recorded_at`,
    ),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise` or `ms`, whichever first; true when the time ran out. Rejections of `promise` propagate. */
async function raceTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<true>((resolve) => {
    timer = setTimeout(() => resolve(true), ms);
  });
  try {
    return await Promise.race([promise.then(() => false as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
