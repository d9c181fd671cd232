import type { PoolClient } from 'pg';
import type { Position, RecordedEvent } from '../../event-store/event-store.port';
import type { PostgresMigration } from '../../postgres/postgres-migrations';
import type { ProjectionLag, RebuildProgress, RebuildReport } from '../projection';

/** Something that runs SQL: the pool (reads while a batch is folded) or a transaction's client (the batch write). */
export type Sql = Pick<PoolClient, 'query'>;

/**
 * A durable read model in PostgreSQL, the twin of a SQLite {@link Projection} with the same name: same tables,
 * same rows for the same log (tests compare the two), so every API instance on one PostgreSQL database shares it.
 *
 * The projector writes a batch's rows and the projection's checkpoint in one transaction. `fold` must be
 * deterministic: replaying the log from the start, in batches of any size, must rebuild exactly the same rows.
 */
export interface PostgresProjection {
  /** Stable name: the key of its checkpoint, and `read-model:<name>` is the component of its migrations. */
  readonly name: string;
  /** The stream categories it reads (`readAll`'s filter); omitted: every event of the log. */
  readonly categories?: readonly string[];
  /** Its schema, as numbered forward-only migrations (applied by `applyPostgresMigrations`). */
  readonly migrations: readonly PostgresMigration[];
  /** The tables it owns, in a stable order (dumped, compared, reset). */
  readonly tables: readonly string[];
  /** Starts a batch. `add` may read the projection's tables through `db` (the pool), never write them. */
  fold(db: Sql): PostgresProjectionFold;
  /** Deletes every row it owns (not the schema), inside the rebuild's reset transaction. */
  reset(tx: Sql): Promise<void>;
}

/** A batch of one PostgreSQL projection being folded (see {@link ProjectionFold} for the SQLite twin). */
export interface PostgresProjectionFold {
  /** Folds events of the projection's categories after its checkpoint, in log order. */
  add(events: readonly RecordedEvent[]): Promise<void>;
  /** How many rows (or events) it holds in memory: the projector writes the batch when the folds hold many. */
  readonly held: number;
  /** Writes what was folded, in the transaction that moves the checkpoint past it. */
  write(tx: Sql): Promise<void>;
}

/** What the API needs of a projector, whichever database holds the read models. */
export interface ReadModelProjector {
  /** The projections, in the order they are run. */
  readonly names: string[];
  catchUp(): Promise<void>;
  waitForPosition(position: Position, timeoutMs?: number): Promise<void>;
  lag(): Promise<ProjectionLag[]>;
  rebuild(onProgress?: (progress: RebuildProgress) => void, names?: readonly string[]): Promise<RebuildReport>;
  close(): Promise<void>;
}
