import type Database from 'better-sqlite3';
import type { Position, RecordedEvent } from '../event-store/event-store.port';
import type { Migration } from '../event-store/sqlite/sqlite-event-store.schema';

/**
 * A durable read model fed from the global log, as the {@link SqliteProjector} runs it.
 *
 * The projector writes a projection's rows for each batch inside the SQLite transaction that also writes its
 * checkpoint, so rows and checkpoint are committed together or not at all. `apply` and the folds must therefore
 * be synchronous, touch only the projection's own tables through the connection they are given, and be
 * deterministic: replaying the log from the start, in batches of any size, must rebuild exactly the same rows.
 *
 * Duplicate delivery: the projector never hands over an event at or before the stored checkpoint, but a
 * projection should still guard its rows (e.g. a per-stream `last_revision`), so a replayed event changes nothing
 * even if a checkpoint were lost.
 */
export interface Projection {
  /** Stable name: the key of its checkpoint and of its migrations. Never rename a released projection. */
  readonly name: string;
  /** The stream categories it reads (`readAll`'s filter); omitted: every event of the log. */
  readonly categories?: readonly string[];
  /** Its schema, as numbered forward-only migrations (1, 2, 3…), recorded per projection. */
  readonly migrations: readonly Migration[];
  /** The tables it owns, in a stable order (used to dump, compare and document the read model). */
  readonly tables: readonly string[];
  /** Folds one event into the rows. Runs inside the batch transaction; a throw rolls back the projection's batch. */
  apply(db: Database.Database, event: RecordedEvent): void;
  /**
   * Starts a batch folded in memory, for a projection that can do better than `apply` event by event: each row
   * the batch touches read once and written once, counters summed. When present the projector uses it instead of
   * `apply`. It must leave exactly the rows `apply` would, whatever the batch boundaries.
   */
  fold?(db: Database.Database): ProjectionFold;
  /** Deletes every row it owns (not the schema). Runs inside the rebuild's reset transaction. */
  reset(db: Database.Database): void;
}

/**
 * A batch of one projection being folded. The projector hands it the batch's events page by page (`add`, outside
 * any transaction: it may read the projection's tables, never write them), then calls `write` once, in the
 * transaction that moves the checkpoint past them. If the checkpoint moved meanwhile (another process projected
 * or reset the projection), the fold is dropped unwritten, so what it read is still what is stored when it writes.
 */
export interface ProjectionFold {
  /** Folds events of the projection's categories after its checkpoint, in log order. */
  add(events: readonly RecordedEvent[]): void;
  /** How many rows (or events) it holds in memory: the projector writes the batch when the folds hold many. */
  readonly held: number;
  /** Writes what was folded. */
  write(): void;
}

/** How far one projection is behind the log. */
export interface ProjectionLag {
  readonly name: string;
  /** The checkpoint: the last position the projection has passed; `null` before its first event. */
  readonly position: Position | null;
  /** The log's last position when the report was made; `null` when the log is empty. */
  readonly lastPosition: Position | null;
  /** Events in the projection's categories after its checkpoint, capped at {@link ProjectionLag.eventsBehindCap}. */
  readonly eventsBehind: number;
  /** True when there are more than the cap: `eventsBehind` then says "at least this many". */
  readonly eventsBehindCapped: boolean;
  readonly eventsBehindCap: number;
  /** No event of its categories is waiting. */
  readonly caughtUp: boolean;
}

/** Progress of a rebuild, reported after the count and after every batch of the replay. */
export interface RebuildProgress {
  /** Events handed to the projections so far (an event two projections take counts twice). */
  readonly processed: number;
  /** Events to replay, counted before the replay (grows if events were appended during it). */
  readonly total: number;
}

export interface RebuildReport {
  readonly projections: ReadonlyArray<{ readonly name: string; readonly events: number; readonly position: Position | null }>;
  /** Events handed to the projections, over every projection (an event two projections take counts twice). */
  readonly processed: number;
  readonly durationMs: number;
}

/** `waitForPosition` gave up: a projection had not reached the position in time. */
export class ProjectionTimeoutError extends Error {
  constructor(
    readonly position: string,
    readonly timeoutMs: number,
    readonly behind: readonly string[],
  ) {
    super(`Projections ${behind.join(', ')} did not reach position ${position} within ${timeoutMs} ms`);
    this.name = 'ProjectionTimeoutError';
  }
}
