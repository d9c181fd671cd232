import type { Pool, PoolClient } from 'pg';
import { applyPostgresMigrations } from '../../postgres/postgres-migrations';
import { describePostgresError, isConnectionFailure, openPostgresPool, redactUrl } from '../../postgres/postgres-pool';
import { prepareAppend, prepareAppends } from '../event-store.append-request';
import { StoreUnavailableError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  LogImporter,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port';
import { planAllRead, planStreamRead } from '../event-store.read-options';
import { compareDecimalPositions, isDecimalPosition, toPosition } from '../decimal-position';
import type { GroupCommitStats, GroupOutcome } from '../group-commit-queue';
import { AsyncGroupCommit } from './async-group-commit';
import { groupKeys, planGroup, type AppendRequest } from './postgres-append-group';
import { EVENT_STORE_COMPONENT, POSTGRES_EVENT_STORE_MIGRATIONS } from './postgres-event-store.schema';
import {
  advanceHead,
  findByIds,
  findStreamHeads,
  insertEvents,
  lockHead,
  SQL,
  toRecordedEvent,
  type EventRow,
} from './postgres-event-store.statements';
import { PostgresLogImporter } from './postgres-log-importer';
import { PostgresSession } from './postgres-session';

/** Options of {@link PostgresEventStore.open} and {@link PostgresEventStore.connect}. */
export interface PostgresEventStoreOptions {
  /** The clock that stamps `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /** Names the store in {@link StoreUnavailableError}. Default: the pool's URL without its password. */
  readonly storeName?: string;
  /** The most events one group commit writes. Default {@link MAX_PG_GROUP_EVENTS}. */
  readonly maxGroupEvents?: number;
  /**
   * How long an append waits for the log head while another transaction holds it, before failing with
   * {@link StoreUnavailableError} (nothing written). Default {@link PG_LOCK_TIMEOUT_MS}.
   */
  readonly lockTimeoutMs?: number;
}

/** Far above any append's hold on the head lock (milliseconds), far below an HTTP client's patience. */
export const PG_LOCK_TIMEOUT_MS = 10_000;

/**
 * The default cap of a group commit, in events: a burst of concurrent commands shares one transaction (one WAL
 * flush, one turn at the head lock) while the lock that every writer of the log waits for stays short.
 */
export const MAX_PG_GROUP_EVENTS = 1000;

/** Upper bound of a revision window when the caller gave none: the largest PostgreSQL bigint. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * An {@link EventStore} in PostgreSQL, through node-postgres.
 *
 * Ordering: every append transaction first locks the one-row `log_head` and assigns positions from it, so writers
 * (in this process or any other) take turns and commit in position order; a reader never sees a position before
 * every lower one has committed (see the schema's notes). Rules, hash chain and `recordedAt` are those of the other
 * adapters (the shared append rules), computed inside that transaction.
 *
 * Group commit: appends queued while a transaction is in flight (or in one turn of the event loop) share the next
 * transaction: one lock, a few round trips (ids, stream heads, one multi-row INSERT, the head) and one COMMIT for
 * all of them. An append the rules refuse fails alone; a transaction that fails fails its whole group.
 *
 * Failures: a lost server or connection surfaces as {@link StoreUnavailableError}; the pool opens new connections
 * by itself, so the store works again as soon as the server answers (postgres-session.ts).
 */
export class PostgresEventStore implements EventStore {
  readonly importer: LogImporter;
  private readonly appends: AsyncGroupCommit<AppendRequest, AppendResult[]>;
  private closed = false;

  private constructor(
    private readonly session: PostgresSession,
    private readonly now: () => Date,
    private readonly ownsPool: boolean,
    maxGroupEvents: number,
  ) {
    this.appends = new AsyncGroupCommit((requests) => this.commitGroup(requests), maxGroupEvents);
    this.importer = new PostgresLogImporter(session, () => this.assertOpen());
  }

  /**
   * Opens the store on a pool the caller owns (and ends): applies pending migrations, creating the schema and the
   * log's identity the first time. `close()` leaves the pool open. The pool should have an `error` listener (as
   * `openPostgresPool` installs), or an idle connection dying would crash the process.
   *
   * @throws StoreUnavailableError when the server cannot be reached.
   */
  static async open(pool: Pool, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    return PostgresEventStore.start(pool, options, false);
  }

  /**
   * Opens a pool of its own on `url` (failing fast, with {@link StoreUnavailableError}, if the server does not
   * answer), then the store; `close()` ends that pool.
   */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const pool = await openPostgresPool(url, { applicationName: 'licence-case-manager event-store' });
    try {
      return await PostgresEventStore.start(pool, { storeName: redactUrl(url), ...options }, true);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  private static async start(
    pool: Pool,
    options: PostgresEventStoreOptions,
    ownsPool: boolean,
  ): Promise<PostgresEventStore> {
    const storeName = options.storeName ?? poolName(pool);
    // Built first so bad options fail before the database is touched.
    const session = new PostgresSession(pool, storeName, options.lockTimeoutMs ?? PG_LOCK_TIMEOUT_MS);
    const maxGroupEvents = options.maxGroupEvents ?? MAX_PG_GROUP_EVENTS;
    if (!Number.isSafeInteger(maxGroupEvents) || maxGroupEvents < 1) {
      throw new RangeError(`maxGroupEvents must be a positive integer, got ${String(maxGroupEvents)}`);
    }
    try {
      await applyPostgresMigrations(pool, EVENT_STORE_COMPONENT, POSTGRES_EVENT_STORE_MIGRATIONS);
    } catch (error) {
      if (isConnectionFailure(error)) throw new StoreUnavailableError(storeName, describePostgresError(error));
      throw error;
    }
    const now = options.now ?? (() => new Date());
    return new PostgresEventStore(session, now, ownsPool, maxGroupEvents);
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    // Validation and JSON serialisation happen now, so bad input never reaches the queue or costs a transaction.
    const [result] = await this.enqueue([prepareAppend(streamName, events, options?.expectedRevision)]);
    return result;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    return this.enqueue(prepareAppends(appends));
  }

  /** Group-commit counters since open: transactions committed and the appends they answered. */
  groupCommitStats(): GroupCommitStats {
    return this.appends.stats();
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planStreamRead(options);
    const empty =
      plan.maxCount === 0 ||
      plan.minRevision > MAX_BIGINT ||
      (plan.maxRevision !== null && plan.maxRevision < plan.minRevision);
    if (empty) return [];
    const max = plan.maxRevision === null || plan.maxRevision > MAX_BIGINT ? MAX_BIGINT : plan.maxRevision;
    const sql = plan.backwards ? SQL.readStreamBackwards : SQL.readStreamForwards;
    const params = [streamName, plan.minRevision.toString(), max.toString(), plan.recordedUntil, plan.maxCount];
    return this.readEvents(sql, params);
  }

  async streamRevision(streamName: string): Promise<bigint | null> {
    this.assertOpen();
    const [row] = await this.select<{ revision: string | null }>(SQL.streamRevision, [streamName]);
    return row.revision === null ? null : BigInt(row.revision);
  }

  /** One statement, so one snapshot: with commits in position order it always sees a prefix of the log. */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planAllRead(options);
    if (plan.limit === 0 || plan.categories?.length === 0) return [];
    const after = plan.afterSequence.toString();
    if (plan.categories === null) return this.readEvents(SQL.readAll, [after, plan.limit]);
    return this.readEvents(SQL.readCategories, [after, plan.limit, plan.categories]);
  }

  /** Read on every call: an empty store may adopt another log's id (importer). */
  async logId(): Promise<string> {
    this.assertOpen();
    const [row] = await this.select<{ log_id: string }>(SQL.logId, []);
    return row.log_id;
  }

  async lastPosition(): Promise<Position | null> {
    this.assertOpen();
    const last = await this.headPosition();
    return last === 0n ? null : toPosition(last);
  }

  /** The whole log is counted by its head (positions are contiguous), categories on their index. */
  async countEvents(categories?: readonly string[]): Promise<number> {
    this.assertOpen();
    if (categories === undefined) return Number(await this.headPosition());
    if (categories.length === 0) return 0;
    const [row] = await this.select<{ count: string }>(SQL.countCategories, [[...new Set(categories)]]);
    return Number(row.count);
  }

  comparePositions(a: Position, b: Position): number {
    return compareDecimalPositions(a, b);
  }

  isPosition(token: string): token is Position {
    return isDecimalPosition(token);
  }

  /**
   * Commits the appends still queued (their promises settle as usual), then ends the pool if the store opened it.
   * Idempotent; afterwards every call rejects.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.appends.drain();
    if (this.ownsPool) await this.session.end();
  }

  private enqueue(parts: AppendRequest): Promise<AppendResult[]> {
    const events = parts.reduce((sum, part) => sum + part.events.length, 0);
    return this.appends.submit(parts, events);
  }

  /**
   * One group's transaction: take the head lock, look up the group's ids and stream heads, rule on every request
   * (postgres-append-group.ts), write the accepted rows in one INSERT and move the head.
   */
  private commitGroup(requests: readonly AppendRequest[]): Promise<GroupOutcome<AppendResult[]>[]> {
    return this.session.transaction(async (client: PoolClient) => {
      const head = await lockHead(client);
      const { ids, streams } = groupKeys(requests);
      const stored = await findByIds(client, ids);
      const heads = await findStreamHeads(client, streams);
      const plan = planGroup(requests, { head, stored, heads }, this.now());
      if (plan.rows.length > 0) {
        await insertEvents(client, plan.rows);
        await advanceHead(client, plan.lastPosition, plan.recordedAt);
      }
      return plan.outcomes;
    });
  }

  private async headPosition(): Promise<bigint> {
    const [row] = await this.select<{ last_position: string }>(SQL.head, []);
    return BigInt(row.last_position);
  }

  private async readEvents(sql: string, params: unknown[]): Promise<RecordedEvent[]> {
    return (await this.select<EventRow>(sql, params)).map(toRecordedEvent);
  }

  private select<Row extends object>(sql: string, params: unknown[]): Promise<Row[]> {
    return this.session.read(async (client) => (await client.query<Row>(sql, params)).rows);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }
}

/** A name for a pool the caller opened: its URL without the password, or its host and database. */
function poolName(pool: Pool): string {
  const { connectionString, host, port, database } = pool.options;
  if (typeof connectionString === 'string') return redactUrl(connectionString);
  return `postgres://${host ?? 'localhost'}:${port ?? 5432}/${database ?? ''}`;
}
