/**
 * The event-store port: the only way the application reads or writes events.
 *
 * Revision convention (the same as EventStoreDB's): a stream's revision is the 0-based index of its
 * last event, as a bigint. A stream with one event is at revision 0n; a stream that does not exist has
 * no revision. Appends state what they expect with {@link ExpectedRevision}.
 *
 * Positions in the global log are opaque, ordered, serialisable tokens ({@link Position}): an adapter
 * mints them, callers store and pass them back, and order them only with `comparePositions`.
 */

/** A position in the global log. Opaque: never parse it, order it with {@link EventStore.comparePositions}. */
export type Position = string & { readonly __brand: 'Position' };

/** What an append expects of the stream: it does not exist, it exists, anything, or an exact revision. */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | bigint;

/** Metadata every event carries. `actor` is the acting user's `sub` (or a system actor such as `system:seed`). */
export interface EventMetadata {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly schemaVersion: number;
}

/** An event to append. The `id` is chosen by the caller: appending the same id again is a no-op. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

/** An event as the store recorded it. `recordedAt` is an ISO 8601 UTC instant set by the store. */
export interface RecordedEvent extends NewEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly recordedAt: string;
  /**
   * SHA-256 (hex) chaining this event to the previous event of its stream, computed by the store at append
   * (see event-hash.ts and docs/audit.md). Every adapter must set it: the conformance suite checks the chain.
   */
  readonly hash: string;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as the expected revision of the next append. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event written (or of the already-stored event on an idempotent retry). */
  readonly position: Position;
  /** When the store recorded the append (on an idempotent retry: the original `recordedAt`). */
  readonly recordedAt: string;
}

/** One stream's part of a multi-stream append ({@link EventStore.appendToStreams}). */
export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Default `forwards`. */
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start: the first revision read (forwards) or the highest revision read (backwards). */
  readonly fromRevision?: bigint;
  /** Inclusive upper bound on revision, applied in both directions ("the stream as of revision N"). */
  readonly toRevision?: bigint;
  /** Inclusive upper bound on `recordedAt`, an ISO 8601 instant ("the stream as recorded at T"). */
  readonly recordedUntil?: string;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read the events after this position. Omitted: from the start of the log. */
  readonly after?: Position;
  /** At most this many events (required: the global log is unbounded). */
  readonly limit: number;
  /** Only events whose stream category (the text before the first `-`) is one of these. */
  readonly categories?: readonly string[];
}

export interface EventStore {
  /**
   * Appends atomically. Throws {@link WrongExpectedVersionError} when the stream is not as expected.
   * If the events' ids were already appended to this stream, in the same order, nothing is written and the
   * original result is returned (idempotent retry). Reusing an id for a different event throws
   * {@link DuplicateEventIdError}.
   */
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Appends to several streams at once, each with its own expected revision and the same idempotency rules as
   * {@link appendToStream}; answers one result per append, in order. A stream may appear only once.
   *
   * Atomicity is the adapter's best: SQLite, PostgreSQL and the in-memory store write all or nothing in one
   * transaction (one fsync), so the first stream not as expected throws {@link WrongExpectedVersionError} and
   * nothing is written. A store without multi-stream transactions (EventStoreDB) appends stream by stream in the
   * order given, so callers put the append that records the work as done LAST and give every event a
   * deterministic id: a retry after a partial failure then re-appends the done part idempotently (exactly once).
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;

  /** Reads one stream; a stream that does not exist reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** The stream's current revision, or `null` when it does not exist. */
  streamRevision(streamName: string): Promise<bigint | null>;

  /** Reads the global log in commit order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * The log's identity: an id written once when the log was created. A restored backup of the log keeps it;
   * another log (a new file in place of a deleted one) has another. Derived data (read models, idempotency keys)
   * records it to notice that it was built from a different log.
   */
  logId(): Promise<string>;

  /**
   * What a quick integrity check of the store found when it was opened (empty: sound). Stores that cannot be
   * damaged that way (in memory, a server) leave it out.
   */
  integrityAtOpen?(): readonly string[];

  /** The position of the last event in the log, or `null` when the log is empty. */
  lastPosition(): Promise<Position | null>;

  /**
   * How many events of these categories (every event when omitted) the log holds, counted without reading them
   * (e.g. for a rebuild's progress). Optional: a store that cannot count cheaply leaves it out, and callers count
   * with `readAll`.
   */
  countEvents?(categories?: readonly string[]): Promise<number>;

  /** Orders two positions: negative when `a` is before `b`, 0 when equal, positive when after. */
  comparePositions(a: Position, b: Position): number;

  /** Whether `token` is a position this store could have minted (used to validate API input). */
  isPosition(token: string): token is Position;

  /**
   * Writes events recorded by another store exactly as they were recorded (ids, streams, revisions, `recordedAt`,
   * metadata and hashes; positions are minted anew, in the given order), for `cli copy`. Optional: a store that
   * cannot keep another store's `recordedAt` leaves it out.
   */
  readonly importer?: LogImporter;

  close(): Promise<void>;
}

/**
 * Moves a log into an empty store without changing a byte of its history (see `cli copy`). The events are given in
 * the source's global order, in pages; each must be the next revision of its stream, and its hash must chain to the
 * previous event of its stream (the importer checks and refuses otherwise, writing nothing of that page).
 */
export interface LogImporter {
  /** Takes over the source log's id (see {@link EventStore.logId}); only while the store holds no event. */
  adoptLogId(logId: string): Promise<void>;
  /** Writes one page of recorded events in one transaction (or in order, on a store without transactions). */
  importRecorded(events: readonly RecordedEvent[]): Promise<void>;
}

/** The category of a stream name: the text before the first `-` (EventStoreDB's `$ce-` convention). */
export function streamCategory(streamName: string): string {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
}
