import type Database from 'better-sqlite3';
import {
  assertExpectedRevision,
  firstRevisionAfter,
  nextRecordedAt,
  resolveIdempotentRetry,
} from '../event-store.append-rules';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../event-store.append-request';
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
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import { eventHash, GENESIS_HASH } from '../event-hash';
import { planAllRead, planStreamRead, type AllReadPlan } from '../event-store.read-options';
import { compareDecimalPositions, isDecimalPosition, toPosition } from '../decimal-position';
import type { GroupCommitStats, GroupOutcome } from '../group-commit-queue';
import { GroupCommit } from './group-commit';
import { quickCheck } from './sqlite-integrity';
import { openDurableSqlite } from './open-durable-sqlite';
import { applyMigrations, EVENT_STORE_MIGRATIONS } from './sqlite-event-store.schema';
import { SqliteLogImporter } from './sqlite-log-importer';
import {
  prepareStatements,
  toRecordedEvent,
  toStoredEventRef,
  type EventRow,
  type EventStoreStatements,
  type InsertParams,
} from './sqlite-event-store.statements';

/** What one part of an append comes to: the original result of an idempotent retry, or the rows to insert. */
type PartPlan = { readonly retry: AppendResult } | { readonly rows: readonly InsertParams[] };

/** Options of {@link SqliteEventStore.open}. */
export interface SqliteEventStoreOptions {
  /** The clock that stamps `recordedAt` (and `applied_at` of migrations). Default: the system clock. */
  readonly now?: () => Date;
  /** The most events one group commit writes (see {@link SqliteEventStore}). Default {@link MAX_GROUP_EVENTS}. */
  readonly maxGroupEvents?: number;
}

/**
 * The default cap of a group commit, in events: enough to fold a burst of concurrent commands, or a few multi-stream
 * appends of a re-evaluation, into one fsync, while one transaction (and the write lock other processes wait for)
 * stays in the order of ten milliseconds.
 */
export const MAX_GROUP_EVENTS = 1000;

/** Upper bound of a revision window when the caller gave none: the largest SQLite INTEGER. */
const MAX_INTEGER = 9_223_372_036_854_775_807n;

/**
 * An {@link EventStore} in one SQLite file, through better-sqlite3.
 *
 * Durability and isolation: WAL with `synchronous=FULL`, so a resolved append has been fsynced (WAL's default,
 * NORMAL, may lose the last commits on power loss); appends commit in IMMEDIATE transactions, which take the
 * write lock before reading, so the expected-revision check, the idempotency check and the inserts see and write
 * one consistent state even with several processes on the file. better-sqlite3 is synchronous: no `await` ever
 * happens inside a transaction.
 *
 * Group commit: the appends queued in one turn of the event loop share one transaction and one fsync; one the
 * rules refuse rejects alone, and nothing is acknowledged before COMMIT returns (group-commit.ts, docs/event-store.md).
 *
 * Positions are the decimal strings of the `events.position` AUTOINCREMENT key (see the schema's notes).
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: EventStoreStatements;
  /** Each queued request is one append or one multi-stream append: its parts, all or nothing. */
  private readonly appends: GroupCommit<readonly PreparedAppend[], AppendResult[]>;
  private readonly readAllTransaction: (plan: AllReadPlan) => EventRow[];

  /**
   * Read once: the row is fixed by triggers (only the importer changes it, and tells this store), and this
   * connection stays on this file.
   */
  private identity: string;

  /** Writes another store's log into this one while it is empty (`cli copy`). */
  readonly importer: LogImporter;

  private constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
    private readonly integrityProblems: readonly string[],
    maxGroupEvents: number,
  ) {
    this.statements = prepareStatements(db);
    this.identity = db.prepare<[], { log_id: string }>('SELECT log_id FROM log_identity WHERE singleton = 1').get()!.log_id;
    this.importer = new SqliteLogImporter(db, this.statements, () => this.assertOpen(), (logId) => {
      this.identity = logId;
    });
    const group = db.transaction((requests: readonly (readonly PreparedAppend[])[]) => {
      // One commit, one instant: every append of the group is recorded at the same time.
      const recordedAt = nextRecordedAt(this.now(), this.statements.lastEvent.get()?.recorded_at ?? null);
      return requests.map((parts): GroupOutcome<AppendResult[]> => {
        try {
          return { ok: true, value: this.appendInTransaction(parts, recordedAt) };
        } catch (error) {
          // A rule refused this append before it wrote anything: it fails alone. Any other error may have come
          // mid-write (storage failing, a constraint the rules should have caught): it rolls back the whole group.
          if (error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError) return { ok: false, error };
          throw error;
        }
      });
    });
    this.appends = new GroupCommit((requests) => {
      // Inside a transaction left open on this connection the group would be a mere savepoint, with no COMMIT to
      // wait for: refuse rather than acknowledge appends that are not durable.
      if (db.inTransaction) throw new Error('SqliteEventStore: the connection has an open transaction; appends cannot commit');
      return group.immediate(requests);
    }, maxGroupEvents);
    // DEFERRED is enough for reads: in WAL it pins one snapshot for every statement of the read.
    const readAll = db.transaction((plan: AllReadPlan) => this.readAllInTransaction(plan));
    this.readAllTransaction = (plan) => readAll.deferred(plan);
  }

  /**
   * Opens (creating if needed, with its parent directory) the event store in `filePath`, configures the
   * connection and applies pending schema migrations. For a throwaway store use `InMemoryEventStore`: an
   * in-memory SQLite database cannot use WAL, so `':memory:'` is refused.
   *
   * A quick integrity check runs on every open: a file with damaged pages still opens (so /health can say so),
   * and `integrityAtOpen()` lists what was found.
   *
   * @throws CorruptDatabaseError when the file is not a database or too damaged to migrate.
   * @throws Error when the file cannot be put in WAL mode or carries a schema from a newer build.
   */
  static open(filePath: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const now = options.now ?? (() => new Date());
    return openDurableSqlite(
      filePath,
      { holds: 'the event store', synchronous: 'FULL', migrate: (db) => applyMigrations(db, EVENT_STORE_MIGRATIONS, now) },
      (db) => new SqliteEventStore(db, now, quickCheck(db), options.maxGroupEvents ?? MAX_GROUP_EVENTS),
    );
  }

  integrityAtOpen(): readonly string[] {
    return this.integrityProblems;
  }

  /**
   * The underlying connection, for infrastructure in this process that must write in the same SQLite file and
   * transaction as its reads (e.g. a projection committing its checkpoint with its read-model rows). Do not
   * write to `events` through it, do not close it (call {@link close}), and keep transactions short: while one
   * is open, appends from other connections wait.
   */
  get database(): Database.Database {
    return this.db;
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
      plan.minRevision > MAX_INTEGER ||
      (plan.maxRevision !== null && plan.maxRevision < plan.minRevision);
    if (empty) return [];
    const statement = plan.backwards ? this.statements.readStreamBackwards : this.statements.readStreamForwards;
    const rows = statement.all({
      stream: streamName,
      min: plan.minRevision,
      max: plan.maxRevision === null || plan.maxRevision > MAX_INTEGER ? MAX_INTEGER : plan.maxRevision,
      until: plan.recordedUntil,
      limit: plan.maxCount ?? -1,
    });
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamName: string): Promise<bigint | null> {
    this.assertOpen();
    return this.statements.streamRevision.get(streamName)?.revision ?? null;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planAllRead(options);
    if (plan.limit === 0 || plan.categories?.length === 0) return [];
    return this.readAllTransaction(plan).map(toRecordedEvent);
  }

  async logId(): Promise<string> {
    this.assertOpen();
    return this.identity;
  }

  async lastPosition(): Promise<Position | null> {
    this.assertOpen();
    const last = this.statements.lastEvent.get();
    return last === undefined ? null : toPosition(last.position);
  }

  /** Counted on the `(category, position)` index, so a rebuild's progress does not cost a read of the log. */
  async countEvents(categories?: readonly string[]): Promise<number> {
    this.assertOpen();
    if (categories === undefined) return Number(this.statements.countAll.get()!.count);
    let count = 0;
    for (const category of new Set(categories)) count += Number(this.statements.countCategory.get(category)!.count);
    return count;
  }

  comparePositions(a: Position, b: Position): number {
    return compareDecimalPositions(a, b);
  }

  isPosition(token: string): token is Position {
    return isDecimalPosition(token);
  }

  /**
   * Commits the appends still queued (their promises settle as usual), then closes the connection (SQLite
   * checkpoints the WAL on last close). Idempotent; afterwards every call rejects.
   */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.appends.drain();
    this.db.close();
  }

  private enqueue(parts: readonly PreparedAppend[]): Promise<AppendResult[]> {
    const events = parts.reduce((sum, part) => sum + part.events.length, 0);
    return this.appends.submit(parts, events);
  }

  /**
   * One append (all its parts) inside the group's transaction. Every part is checked and its rows computed before
   * the first row is written, so an append the rules refuse has written nothing and needs no savepoint to undo
   * (a savepoint would copy every page the append touches). The parts name distinct streams and ids
   * (prepareAppends), so checking one never depends on another's rows; later appends of the group see these rows.
   */
  private appendInTransaction(parts: readonly PreparedAppend[], recordedAt: string): AppendResult[] {
    const plans = parts.map((part) => this.planPart(part, recordedAt));
    return plans.map((plan) => ('retry' in plan ? plan.retry : this.writeRows(plan.rows)));
  }

  /**
   * Rules on one part (idempotent retry, expected revision) and computes its rows with their hash chain.
   *
   * @throws DuplicateEventIdError, WrongExpectedVersionError, having written nothing.
   */
  private planPart(append: PreparedAppend, recordedAt: string): PartPlan {
    const { streamName, events, expectedRevision } = append;
    const ids = events.map((event) => event.id);
    const stored = ids.map((id) => {
      const row = this.statements.findById.get(id);
      return row === undefined ? undefined : toStoredEventRef(row);
    });
    const retry = resolveIdempotentRetry(streamName, ids, stored, expectedRevision);
    if (retry !== null) return { retry };

    const head = this.statements.streamHead.get(streamName);
    const actual = head?.revision ?? null;
    assertExpectedRevision(streamName, expectedRevision, actual);

    const firstRevision = firstRevisionAfter(actual);
    // The chain is computed in the append's own transaction: no extra write, no extra fsync.
    let previousHash = head?.hash ?? GENESIS_HASH;
    const rows = events.map((event, index): InsertParams => {
      const revision = firstRevision + BigInt(index);
      previousHash = eventHash(previousHash, { ...event, streamName, revision, recordedAt });
      return {
        event_id: event.id,
        stream_name: streamName,
        category: append.category,
        stream_revision: revision,
        batch_index: index,
        batch_size: events.length,
        type: event.type,
        data: event.dataJson,
        metadata: event.metadataJson,
        recorded_at: recordedAt,
        hash: previousHash,
      };
    });
    return { rows };
  }

  /** Inserts a part's rows (positions come from AUTOINCREMENT) and answers the part's result. */
  private writeRows(rows: readonly InsertParams[]): AppendResult {
    let lastPosition = 0n;
    for (const row of rows) lastPosition = BigInt(this.statements.insert.run(row).lastInsertRowid);
    const last = rows[rows.length - 1];
    return { nextExpectedRevision: last.stream_revision, position: toPosition(lastPosition), recordedAt: last.recorded_at };
  }

  /**
   * The body of the read-all transaction. A category read runs one index range scan per category and merges
   * them; the enclosing transaction keeps every scan on the same snapshot, otherwise an append committed between
   * two scans could appear in one category's results while an earlier event of another category is missing,
   * and a caller checkpointing the last position would skip that event for ever.
   */
  private readAllInTransaction(plan: AllReadPlan): EventRow[] {
    if (plan.categories === null) return this.statements.readAll.all(plan.afterSequence, plan.limit);
    const rows = plan.categories.flatMap((category) =>
      this.statements.readCategory.all(category, plan.afterSequence, plan.limit),
    );
    rows.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    return rows.slice(0, plan.limit);
  }

  private assertOpen(): void {
    if (!this.db.open) throw new Error('SqliteEventStore is closed');
  }
}
