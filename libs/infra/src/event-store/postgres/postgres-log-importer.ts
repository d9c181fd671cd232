import type { PoolClient } from 'pg';
import { normaliseInstant, prepareAppend } from '../event-store.append-request';
import { DuplicateEventIdError } from '../event-store.errors';
import type { LogImporter, RecordedEvent } from '../event-store.port';
import { eventHash, GENESIS_HASH, isEventHash } from '../event-hash';
import {
  advanceHead,
  findByIds,
  findStreamHeads,
  insertEvents,
  lockHead,
  SQL,
  type EventInsert,
  type StoredEvent,
  type StreamHead,
} from './postgres-event-store.statements';
import type { PostgresSession } from './postgres-session';

/** The importer refused a page (nothing of it was written): it would not continue the log as recorded. */
export class ImportRefusedError extends Error {
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(`Import refused at event ${eventId}: ${reason}`);
    this.name = 'ImportRefusedError';
  }
}

/**
 * Writes a log recorded elsewhere into the PostgreSQL store without changing a byte of it (for `cli copy`).
 *
 * Each page is one transaction under the same head lock as appends, so it gets the next positions in the given
 * order and no append interleaves. Every event must be the next revision of its stream and its hash must chain to
 * the previous event of its stream (recomputed here), otherwise nothing of the page is written. An event already
 * stored identically (same id, stream, revision and hash) is skipped, so a page sent again after a lost connection
 * is accepted rather than refused. Imported events carry no batch: each counts as an append of its own for later
 * idempotent retries.
 */
export class PostgresLogImporter implements LogImporter {
  constructor(
    private readonly session: PostgresSession,
    private readonly assertOpen: () => void,
  ) {}

  async adoptLogId(logId: string): Promise<void> {
    this.assertOpen();
    if (typeof logId !== 'string' || logId.trim() === '' || logId.length > 128) {
      throw new TypeError('logId must be a non-empty string of at most 128 characters');
    }
    await this.session.transaction(async (client) => {
      // Under the head lock: no append can slip in between the emptiness check and the update.
      const head = await lockHead(client);
      if (head.lastPosition !== 0n) throw new Error('The log id can only be adopted while the store holds no event');
      await client.query(SQL.setLogId, [logId]);
    });
  }

  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    if (!Array.isArray(events)) throw new TypeError('importRecorded needs an array of recorded events');
    if (events.length === 0) return;
    const prepared = events.map(toImportRow);
    await this.session.transaction((client) => this.importPage(client, prepared));
  }

  private async importPage(client: PoolClient, page: readonly Omit<EventInsert, 'position'>[]): Promise<void> {
    const head = await lockHead(client);
    const stored = await findByIds(client, [...new Set(page.map((row) => row.eventId))]);
    const heads = await findStreamHeads(client, [...new Set(page.map((row) => row.streamName))]);
    const rows = chainPage(page, stored, heads, head.lastPosition);
    if (rows.length === 0) return;
    await insertEvents(client, rows);
    const latest = rows.reduce((max, row) => (row.recordedAt > max ? row.recordedAt : max), head.lastRecordedAt ?? '');
    await advanceHead(client, rows[rows.length - 1].position, latest);
  }
}

/**
 * Checks that the page continues every stream (revision and hash chain) and assigns positions in page order.
 *
 * @throws ImportRefusedError or DuplicateEventIdError at the first event that does not fit.
 */
function chainPage(
  page: readonly Omit<EventInsert, 'position'>[],
  stored: ReadonlyMap<string, StoredEvent>,
  storedHeads: ReadonlyMap<string, StreamHead>,
  lastPosition: bigint,
): EventInsert[] {
  const heads = new Map(storedHeads);
  const seen = new Set<string>();
  const rows: EventInsert[] = [];
  let position = lastPosition;
  for (const row of page) {
    if (seen.has(row.eventId)) throw new DuplicateEventIdError(row.eventId);
    seen.add(row.eventId);
    const existing = stored.get(row.eventId);
    if (existing !== undefined) {
      const same = existing.streamName === row.streamName && existing.revision === row.revision;
      if (same && existing.hash === row.hash) continue;
      throw new DuplicateEventIdError(row.eventId);
    }
    const head = heads.get(row.streamName);
    const expected = head === undefined ? 0n : head.revision + 1n;
    if (row.revision !== expected) {
      throw new ImportRefusedError(row.eventId, `revision ${row.revision} of ${row.streamName}, expected ${expected}`);
    }
    const hash = eventHash(head?.hash ?? GENESIS_HASH, { ...row, id: row.eventId });
    if (hash !== row.hash) {
      throw new ImportRefusedError(row.eventId, `its hash does not chain to the previous event of ${row.streamName}`);
    }
    position += 1n;
    rows.push({ ...row, position });
    heads.set(row.streamName, { revision: row.revision, hash: row.hash });
  }
  return rows;
}

/** Validates one recorded event with the append rules and keeps its recorded fields as they are. */
function toImportRow(event: RecordedEvent): Omit<EventInsert, 'position'> {
  const part = prepareAppend(event?.streamName, [event], 'any');
  const [prepared] = part.events;
  if (typeof event.revision !== 'bigint' || event.revision < 0n) {
    throw new ImportRefusedError(event.id, 'its revision is not a non-negative bigint');
  }
  if (typeof event.recordedAt !== 'string' || normaliseInstant(event.recordedAt, 'recordedAt') !== event.recordedAt) {
    throw new ImportRefusedError(event.id, `recordedAt ${String(event.recordedAt)} is not in toISOString() form`);
  }
  if (!isEventHash(event.hash)) throw new ImportRefusedError(event.id, 'its hash is not 64 hex digits');
  return {
    eventId: prepared.id,
    streamName: part.streamName,
    category: part.category,
    revision: event.revision,
    batchIndex: 0,
    batchSize: 1,
    type: prepared.type,
    dataJson: prepared.dataJson,
    metadataJson: prepared.metadataJson,
    recordedAt: event.recordedAt,
    hash: event.hash,
  };
}
