import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.port';
import { ProjectionTimeoutError, type ProjectionLag, type RebuildProgress, type RebuildReport } from './projection';
import { ProjectionRouting, type RoutedProjection } from './projection-routing';
import type { ProjectorOptions } from './projector-options';
import { raceTimeout } from './race-timeout';

const DEFAULT_BATCH = 1_000;
/** A write of a few tenths of a second: a backlog does not hold the event loop for long. */
const DEFAULT_MAX_BATCH_ROWS = 20_000;
/** About 100 MB of case rows in memory: a rebuild of 100 000 cases writes each case once. */
const DEFAULT_MAX_REPLAY_BATCH_ROWS = 200_000;
const DEFAULT_LAG_CAP = 10_000;
const noop = () => undefined;

/** What the engine needs of a fold (SQLite's folds synchronously, PostgreSQL's may read rows first). */
export interface EngineFold {
  add(events: readonly RecordedEvent[]): void | Promise<void>;
  readonly held: number;
}

/** A batch being folded: the projections it is read for, each one's checkpoint then, and their folds. */
export interface ProjectorBatch<P, F> {
  readonly projections: readonly P[];
  readonly planned: ReadonlyMap<string, Position | null>;
  readonly folds: Map<string, F>;
  /** Every event of the projections' categories up to here was folded: their checkpoints may move here. */
  scannedTo: Position | null;
}

/** What one batch transaction did. */
export interface BatchOutcome {
  /** Projections whose fold threw while written: their part of the batch was rolled back. */
  readonly failed: ReadonlyArray<readonly [string, unknown]>;
  /** A projection's checkpoint moved (another process) after its batch was planned: its fold was dropped. */
  readonly stale: boolean;
  /** Some checkpoint moved past where it was when the batch was planned. */
  readonly moved: boolean;
}

/** A hook's answer, synchronous (SQLite) or not (PostgreSQL): the engine awaits it once per batch, never per event. */
type Answer<T> = T | Promise<T>;

/**
 * The store-independent part of a projector: pass planning, batching, the divergence check, rebuild, lag,
 * `waitForPosition`, and the queue that makes calls of one event-loop turn share one pass. A subclass keeps the
 * read models (checkpoints, rows, the log's identity) and commits each batch; see {@link SqliteProjector} for the
 * guarantees every projector keeps.
 */
export abstract class ProjectorEngine<P extends RoutedProjection, F extends EngineFold> {
  protected readonly now: () => Date;
  private readonly batchSize: number;
  private readonly maxBatchRows: number;
  private readonly maxReplayBatchRows: number;
  private readonly lagCap: number;
  private readonly onDivergence: (reason: string) => void;
  private readonly routing: ProjectionRouting;
  /** The last pass or rebuild queued; every new one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A catch-up pass queued but not started yet: later callers join it. */
  private queuedPass: Promise<void> | null = null;
  /** A read of every checkpoint under way for `waitForPosition`: waits started meanwhile share it. */
  private sharedCheckpointRead: Promise<ReadonlyMap<string, Position | null>> | null = null;
  private closed = false;

  protected constructor(
    /** The class's name, in errors. */
    private readonly kind: string,
    protected readonly store: EventStore,
    protected readonly projections: readonly P[],
    options: ProjectorOptions,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
    this.maxReplayBatchRows = options.maxReplayBatchRows ?? DEFAULT_MAX_REPLAY_BATCH_ROWS;
    this.lagCap = options.lagCap ?? DEFAULT_LAG_CAP;
    this.now = options.now ?? (() => new Date());
    this.onDivergence = options.onDivergence ?? noop;
    this.routing = new ProjectionRouting(projections, store);
  }

  /** Whether the read-model storage can still be used. */
  protected abstract isOpen(): boolean;
  /** The stored checkpoint of each named projection (`null`: none). */
  protected abstract storedCheckpoints(names: readonly string[]): Answer<ReadonlyMap<string, Position | null>>;
  /** Starts a batch of one projection. */
  protected abstract openFold(projection: P): F;
  /**
   * Writes the batch in ONE transaction: per projection, drops a fold whose checkpoint is no longer the planned
   * one (stale), writes the others each in a savepoint (a throw rolls back that projection alone) and moves their
   * checkpoints (see {@link checkpointAfter}).
   */
  protected abstract commitBatch(batch: ProjectorBatch<P, F>): Answer<BatchOutcome>;
  /** Deletes the projections' rows and checkpoints, in one transaction. */
  protected abstract resetProjections(projections: readonly P[]): Answer<void>;
  /** The id of the log the read models were projected from; `null` before one was recorded. */
  protected abstract projectedLogId(): Answer<string | null>;
  protected abstract saveProjectedLogId(logId: string): Answer<void>;
  /** Releases the storage, once every pass has settled. */
  protected abstract closeStorage(): Answer<void>;

  /** The projections, in the order they are run. */
  get names(): string[] {
    return this.projections.map((projection) => projection.name);
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
    if (this.closed) return Promise.reject(new Error(`${this.kind} is closed`));
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
      const behind = await this.behind(position);
      if (behind.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ProjectionTimeoutError(position, timeoutMs, behind);
      if (await raceTimeout(this.catchUp(), remaining)) continue;
      if ((await this.behind(position)).length === 0) return;
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
    const checkpoints = await this.checkpoints(this.projections);
    const report: ProjectionLag[] = [];
    for (const projection of this.projections) {
      const position = checkpoints.get(projection.name) ?? null;
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
   * Other processes projecting into the same read models stay correct: a batch they read before the reset is
   * dropped (its starting checkpoint is gone), and so is a batch of this replay if another process moved a
   * checkpoint while it was read.
   */
  rebuild(onProgress: (progress: RebuildProgress) => void = noop, names?: readonly string[]): Promise<RebuildReport> {
    if (this.closed) return Promise.reject(new Error(`${this.kind} is closed`));
    const selected = names === undefined ? this.projections : this.projections.filter((p) => names.includes(p.name));
    const unknown = (names ?? []).filter((name) => !this.projections.some((p) => p.name === name));
    if (unknown.length > 0) return Promise.reject(new Error(`Unknown projections: ${unknown.join(', ')}`));
    const run = this.tail.catch(noop).then(() => this.runRebuild(selected, onProgress));
    this.tail = run;
    return run;
  }

  /** Waits for the running and queued passes, then releases the storage. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail.catch(noop);
    if (this.isOpen()) await this.closeStorage();
  }

  /** Where a fold written over `stored` moves its projection's checkpoint; `null`: it stays. */
  protected checkpointAfter(batch: ProjectorBatch<P, F>, stored: Position | null): Position | null {
    const scannedTo = batch.scannedTo;
    return scannedTo !== null && (stored === null || this.store.comparePositions(scannedTo, stored) > 0) ? scannedTo : null;
  }

  protected assertOpen(): void {
    if (!this.isOpen()) throw new Error(`${this.kind} is closed`);
  }

  private async checkpoints(projections: readonly P[]): Promise<ReadonlyMap<string, Position | null>> {
    this.assertOpen();
    return this.storedCheckpoints(projections.map((projection) => projection.name));
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
    const recorded = await this.projectedLogId();
    if (recorded !== null && recorded !== logId) {
      return `they were projected from another event log (log id ${recorded}; the event log's is ${logId})`;
    }
    const head = await this.store.lastPosition();
    const checkpoints = await this.checkpoints(this.projections);
    const ahead = [...checkpoints].filter(
      ([, checkpoint]) => checkpoint !== null && (head === null || this.store.comparePositions(checkpoint, head) > 0),
    );
    if (ahead.length > 0) {
      return (
        `their checkpoints (${ahead.map(([name, checkpoint]) => `${name} at ${checkpoint}`).join(', ')}) are beyond the ` +
        `event log's last position ${head ?? '(empty log)'}: the event log was restored from an older copy`
      );
    }
    // Read models from before the log had an identity, and consistent with it: adopt the log.
    if (recorded === null) await this.saveProjectedLogId(logId);
    return null;
  }

  private async runRebuild(projections: readonly P[], onProgress: (progress: RebuildProgress) => void): Promise<RebuildReport> {
    this.assertOpen();
    const started = Date.now();
    // Rebuilt whole, the read models now belong to this log (a partial rebuild leaves the others as they were).
    if (projections.length === this.projections.length) await this.saveProjectedLogId(await this.store.logId());
    let total = 0;
    for (const count of await this.routing.count(projections)) total += count;
    let processed = 0;
    onProgress({ processed, total });
    await this.resetProjections(projections);
    const events = new Map(projections.map((projection) => [projection.name, 0]));
    await this.runPass(projections, (taken) => {
      for (const [name, count] of taken) {
        events.set(name, (events.get(name) ?? 0) + count);
        processed += count;
      }
      total = Math.max(total, processed);
      onProgress({ processed, total });
    });
    const checkpoints = await this.checkpoints(projections);
    const report = projections.map((projection) => ({
      name: projection.name,
      events: events.get(projection.name) ?? 0,
      position: checkpoints.get(projection.name) ?? null,
    }));
    return { projections: report, processed, durationMs: Date.now() - started };
  }

  /**
   * Reads the log once for all `projections`, batch after batch, until each has passed the log's last position.
   * `onBatch` is told the events each projection was handed.
   */
  private async runPass(projections: readonly P[], onBatch: (taken: ReadonlyMap<string, number>) => void): Promise<void> {
    let running = projections;
    let firstError: unknown = null;
    // A pass that starts from the beginning of the log (a rebuild, a first catch-up) replays it in larger batches.
    let maxRows: number | null = null;
    for (;;) {
      this.assertOpen();
      const head = await this.store.lastPosition();
      if (head === null) break;
      const planned = await this.checkpoints(running);
      const behind = running.filter((projection) => isBefore(this.store, planned.get(projection.name) ?? null, head));
      if (behind.length === 0) break;
      maxRows ??= behind.some((projection) => (planned.get(projection.name) ?? null) === null) ? this.maxReplayBatchRows : this.maxBatchRows;
      const { batch, exhausted, failed } = await this.foldBatch(behind, planned, head, maxRows, onBatch);
      const outcome = await this.commitBatch(batch);
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
    projections: readonly P[],
    planned: ReadonlyMap<string, Position | null>,
    head: Position,
    maxRows: number,
    onBatch: (taken: ReadonlyMap<string, number>) => void,
  ) {
    const checkpointOf = (name: string) => planned.get(name) ?? null;
    const folds = new Map(projections.map((p) => [p.name, this.openFold(p)]));
    const batch: ProjectorBatch<P, F> = { projections, planned, folds, scannedTo: null };
    const failed: Array<readonly [string, unknown]> = [];
    const categories = this.routing.categoriesFor(projections);
    let after = this.earliest(projections.map((projection) => checkpointOf(projection.name)));
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
        const own = this.routing.eventsFor(name, page, checkpointOf(name));
        try {
          await fold.add(own);
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

  /** The earliest of some checkpoints; null (the start of the log) when one of them is null. */
  private earliest(checkpoints: ReadonlyArray<Position | null>): Position | null {
    let earliest: Position | null = checkpoints[0] ?? null;
    for (const checkpoint of checkpoints) {
      if (checkpoint === null) return null;
      if (earliest !== null && this.store.comparePositions(checkpoint, earliest) < 0) earliest = checkpoint;
    }
    return earliest;
  }

  /**
   * The projections whose checkpoint is before `position`. Waits started together share one read of the
   * checkpoints, so they also find themselves behind together and join one pass (a read that takes a round trip
   * would otherwise spread them over several turns of the event loop, and several passes).
   */
  private async behind(position: Position): Promise<string[]> {
    let read = this.sharedCheckpointRead;
    if (read === null) {
      read = this.checkpoints(this.projections).finally(() => {
        if (this.sharedCheckpointRead === read) this.sharedCheckpointRead = null;
      });
      this.sharedCheckpointRead = read;
    }
    const checkpoints = await read;
    return this.projections
      .filter((projection) => isBefore(this.store, checkpoints.get(projection.name) ?? null, position))
      .map((projection) => projection.name);
  }
}

/** Whether a checkpoint (null: nothing projected yet) is before `position`. */
function isBefore(store: EventStore, checkpoint: Position | null, position: Position): boolean {
  return checkpoint === null || store.comparePositions(checkpoint, position) < 0;
}
