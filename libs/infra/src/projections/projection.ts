import type Database from 'better-sqlite3';
import type { Position, RecordedEvent } from '../event-store/event-store.port';
import type { Migration } from '../event-store/sqlite/sqlite-event-store.schema';

/**
 * A durable read model fed from the global log, as the {@link SqliteProjector} runs it.
 *
 * The projector calls {@link apply} inside the SQLite transaction that also writes the projection's checkpoint,
 * so rows and checkpoint are committed together or not at all. `apply` must therefore be synchronous, touch only
 * the projection's own tables through the connection it is given, and be deterministic: replaying the log from
 * the start must rebuild exactly the same rows.
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
  /** Folds one event into the rows. Runs inside the batch transaction; a throw rolls back the whole batch. */
  apply(db: Database.Database, event: RecordedEvent): void;
  /** Deletes every row it owns (not the schema). Runs inside the rebuild's reset transaction. */
  reset(db: Database.Database): void;
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

/** Progress of a rebuild, reported after the counting pass and after every batch. */
export interface RebuildProgress {
  /** The projection being replayed; `null` for the first report, before any replay. */
  readonly projection: string | null;
  /** Events read so far by the replay, over every projection. */
  readonly processed: number;
  /** Events to replay, from the counting pass (grows if events were appended during the replay). */
  readonly total: number;
}

export interface RebuildReport {
  readonly projections: ReadonlyArray<{ readonly name: string; readonly events: number; readonly position: Position | null }>;
  /** Events read by the replay, over every projection. */
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
