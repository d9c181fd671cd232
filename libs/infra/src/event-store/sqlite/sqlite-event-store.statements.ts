import type Database from 'better-sqlite3';
import type { StoredEventRef } from '../event-store.append-rules';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { toPosition } from '../decimal-position';

/**
 * The SQLite event store's prepared statements and row mapping.
 *
 * Every statement is prepared once per connection and runs with `safeIntegers`, so INTEGER columns arrive as
 * `bigint`: revisions are bigints in the port, and positions may exceed 2^53 in principle, so neither is ever
 * squeezed through a JavaScript number.
 */

/** An `events` row as the read statements select it. */
export interface EventRow {
  readonly position: bigint;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly hash: string;
}

/** What the idempotency check needs to know about a stored event. */
export interface StoredRefRow {
  readonly position: bigint;
  readonly stream_name: string;
  readonly stream_revision: bigint;
  readonly batch_index: bigint;
  readonly batch_size: bigint;
  readonly recorded_at: string;
}

/** Parameters of a stream read: inclusive revision window, optional recorded-at bound, LIMIT (-1: none). */
export interface StreamReadParams {
  readonly stream: string;
  readonly min: bigint;
  readonly max: bigint;
  readonly until: string | null;
  readonly limit: number;
}

/** Parameters of an insert, named after the columns. */
export interface InsertParams {
  readonly event_id: string;
  readonly stream_name: string;
  readonly category: string;
  readonly stream_revision: bigint;
  readonly batch_index: number;
  readonly batch_size: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly hash: string;
}

const EVENT_COLUMNS = 'position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at, hash';
const STREAM_WINDOW = `stream_name = @stream AND stream_revision BETWEEN @min AND @max
  AND (@until IS NULL OR recorded_at <= @until)`;

/** Prepares every statement the store runs. Call once per connection, after migrations. */
export function prepareStatements(db: Database.Database) {
  const statement = <P extends unknown[] | object, R = unknown>(sql: string) =>
    db.prepare<P, R>(sql).safeIntegers(true);
  return {
    findById: statement<[string], StoredRefRow>(
      `SELECT position, stream_name, stream_revision, batch_index, batch_size, recorded_at FROM events WHERE event_id = ?`,
    ),
    streamRevision: statement<[string], { revision: bigint | null }>(
      `SELECT MAX(stream_revision) AS revision FROM events WHERE stream_name = ?`,
    ),
    /** The stream's last event: its revision and the hash the next event chains to (one index seek). */
    streamHead: statement<[string], { revision: bigint; hash: string }>(
      `SELECT stream_revision AS revision, hash FROM events WHERE stream_name = ? ORDER BY stream_revision DESC LIMIT 1`,
    ),
    lastEvent: statement<[], { position: bigint; recorded_at: string }>(
      `SELECT position, recorded_at FROM events ORDER BY position DESC LIMIT 1`,
    ),
    insert: statement<InsertParams>(
      `INSERT INTO events (event_id, stream_name, category, stream_revision, batch_index, batch_size, type, data,
         metadata, recorded_at, hash)
       VALUES (@event_id, @stream_name, @category, @stream_revision, @batch_index, @batch_size, @type, @data,
         @metadata, @recorded_at, @hash)`,
    ),
    readStreamForwards: statement<StreamReadParams, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM_WINDOW} ORDER BY stream_revision ASC LIMIT @limit`,
    ),
    readStreamBackwards: statement<StreamReadParams, EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM_WINDOW} ORDER BY stream_revision DESC LIMIT @limit`,
    ),
    readAll: statement<[bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    readCategory: statement<[string, bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE category = ? AND position > ? ORDER BY position LIMIT ?`,
    ),
    countAll: statement<[], { count: bigint }>('SELECT COUNT(*) AS count FROM events'),
    countCategory: statement<[string], { count: bigint }>('SELECT COUNT(*) AS count FROM events WHERE category = ?'),
  };
}

/** The prepared statements of one connection. */
export type EventStoreStatements = ReturnType<typeof prepareStatements>;

/** Maps a row to the port's event; parsing the JSON afresh gives every caller its own objects. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamName: row.stream_name,
    revision: row.stream_revision,
    position: toPosition(row.position),
    recordedAt: row.recorded_at,
    hash: row.hash,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

/** Maps an idempotency-lookup row (batch columns are small, so they become numbers). */
export function toStoredEventRef(row: StoredRefRow): StoredEventRef {
  return {
    streamName: row.stream_name,
    revision: row.stream_revision,
    position: toPosition(row.position),
    batchIndex: Number(row.batch_index),
    batchSize: Number(row.batch_size),
    recordedAt: row.recorded_at,
  };
}
