import type { ClientBase } from 'pg';
import type { StoredEventRef } from '../event-store.append-rules';
import type { EventMetadata, RecordedEvent } from '../event-store.port';
import { toPosition } from '../decimal-position';

/**
 * The PostgreSQL event store's SQL and row mapping.
 *
 * node-postgres returns `bigint` columns as decimal strings (a JavaScript number would lose precision past 2^53),
 * and they become `bigint` here; parameters go out as decimal strings too.
 */

/** An `events` row as the read statements select it. */
export interface EventRow {
  readonly position: string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly stream_revision: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
  readonly hash: string;
}

/** What the idempotency check needs to know about a stored event. */
export interface StoredRefRow {
  readonly event_id: string;
  readonly position: string;
  readonly stream_name: string;
  readonly stream_revision: string;
  readonly batch_index: number;
  readonly batch_size: number;
  readonly recorded_at: string;
  readonly hash: string;
}

/** A stored event as the idempotency check and the importer see it. */
export interface StoredEvent extends StoredEventRef {
  readonly hash: string;
}

/** One row to insert, its position already assigned. */
export interface EventInsert {
  readonly position: bigint;
  readonly eventId: string;
  readonly streamName: string;
  readonly category: string;
  readonly revision: bigint;
  readonly batchIndex: number;
  readonly batchSize: number;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly recordedAt: string;
  readonly hash: string;
}

/** A stream's last event: its revision and the hash the next event chains to. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/** The log head as the writing transaction locked it. */
export interface LockedHead {
  readonly lastPosition: bigint;
  readonly lastRecordedAt: string | null;
}

const EVENT_COLUMNS = 'position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at, hash';
const STREAM_WINDOW = `stream_name = $1 AND stream_revision BETWEEN $2 AND $3
  AND ($4::text IS NULL OR recorded_at <= $4)`;

export const SQL = {
  /** `$5` NULL: no limit. */
  readStreamForwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM_WINDOW}
    ORDER BY stream_revision ASC LIMIT $5`,
  readStreamBackwards: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${STREAM_WINDOW}
    ORDER BY stream_revision DESC LIMIT $5`,
  streamRevision: 'SELECT max(stream_revision)::text AS revision FROM events WHERE stream_name = $1',
  readAll: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
  /**
   * One ordered index range scan per category, merged: a single statement, hence one snapshot for all categories
   * (an append committing between two separate scans could otherwise hide an earlier event of another category).
   */
  readCategories: `SELECT e.* FROM unnest($3::text[]) AS c(category)
    CROSS JOIN LATERAL (
      SELECT ${EVENT_COLUMNS} FROM events WHERE category = c.category AND position > $1 ORDER BY position LIMIT $2
    ) AS e
    ORDER BY e.position LIMIT $2`,
  /** Positions are contiguous from 1 (assigned under the head lock, never deleted): the last one is the count. */
  head: 'SELECT last_position::text AS last_position FROM log_head',
  countCategories: 'SELECT count(*)::text AS count FROM events WHERE category = ANY($1::text[])',
  logId: 'SELECT log_id FROM log_head',
  setLogId: 'UPDATE log_head SET log_id = $1',
} as const;

/** Locks the log head for this transaction: every writer takes turns here (see the schema's notes). */
export async function lockHead(client: ClientBase): Promise<LockedHead> {
  const { rows } = await client.query<{ last_position: string; last_recorded_at: string | null }>(
    'SELECT last_position::text AS last_position, last_recorded_at FROM log_head FOR UPDATE',
  );
  if (rows.length !== 1) throw new Error('The event store has no log_head row: its schema is damaged');
  return { lastPosition: BigInt(rows[0].last_position), lastRecordedAt: rows[0].last_recorded_at };
}

/** Moves the log head after the rows of this transaction. */
export async function advanceHead(client: ClientBase, lastPosition: bigint, lastRecordedAt: string): Promise<void> {
  await client.query('UPDATE log_head SET last_position = $1, last_recorded_at = $2', [
    lastPosition.toString(),
    lastRecordedAt,
  ]);
}

/** The stored events among `ids`, by id (one round trip for a whole group). */
export async function findByIds(client: ClientBase, ids: readonly string[]): Promise<Map<string, StoredEvent>> {
  const { rows } = await client.query<StoredRefRow>(
    `SELECT event_id, position::text AS position, stream_name, stream_revision::text AS stream_revision,
       batch_index, batch_size, recorded_at, hash
     FROM events WHERE event_id = ANY($1::text[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.event_id, toStoredEvent(row)]));
}

/** The heads of the existing streams among `streams`, one index seek each, in one round trip. */
export async function findStreamHeads(
  client: ClientBase,
  streams: readonly string[],
): Promise<Map<string, StreamHead>> {
  const { rows } = await client.query<{ stream_name: string; stream_revision: string; hash: string }>(
    `SELECT s.stream_name, h.stream_revision::text AS stream_revision, h.hash
     FROM unnest($1::text[]) AS s(stream_name)
     CROSS JOIN LATERAL (
       SELECT stream_revision, hash FROM events e WHERE e.stream_name = s.stream_name
       ORDER BY stream_revision DESC LIMIT 1
     ) AS h`,
    [streams],
  );
  return new Map(rows.map((row) => [row.stream_name, { revision: BigInt(row.stream_revision), hash: row.hash }]));
}

/** Inserts every row in one statement: one round trip however many events, the arrays unnested column by column. */
export async function insertEvents(client: ClientBase, rows: readonly EventInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: EventInsert) => T) => rows.map(pick);
  await client.query(
    `INSERT INTO events (position, event_id, stream_name, category, stream_revision, batch_index, batch_size, type,
       data, metadata, recorded_at, hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::integer[],
       $7::integer[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
    [
      column((row) => row.position.toString()),
      column((row) => row.eventId),
      column((row) => row.streamName),
      column((row) => row.category),
      column((row) => row.revision.toString()),
      column((row) => row.batchIndex),
      column((row) => row.batchSize),
      column((row) => row.type),
      column((row) => row.dataJson),
      column((row) => row.metadataJson),
      column((row) => row.recordedAt),
      column((row) => row.hash),
    ],
  );
}

/** Maps a row to the port's event; parsing the JSON afresh gives every caller its own objects. */
export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    streamName: row.stream_name,
    revision: BigInt(row.stream_revision),
    position: toPosition(BigInt(row.position)),
    recordedAt: row.recorded_at,
    hash: row.hash,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

function toStoredEvent(row: StoredRefRow): StoredEvent {
  return {
    streamName: row.stream_name,
    revision: BigInt(row.stream_revision),
    position: toPosition(BigInt(row.position)),
    batchIndex: row.batch_index,
    batchSize: row.batch_size,
    recordedAt: row.recorded_at,
    hash: row.hash,
  };
}
