import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  AUDIT_LOG_SEALED,
  AUDIT_SEAL_ACTOR,
  AUDIT_SEAL_CATEGORY,
  AUDIT_SEAL_STREAM,
  GENESIS_LOG_HASH,
  nextLogHash,
  type AuditSealData,
} from '../audit-seal';
import { nextRecordedAt } from '../event-store.append-rules';
import { eventHash, GENESIS_HASH } from '../event-hash';
import type { EventRow } from './sqlite-event-store.statements';

/**
 * Schema migration 2, `event-hashes`: adds the per-event hash column and hashes a log written before it existed.
 *
 * Existing events are hashed once, in position order, each chained to its stream's previous event, and the whole
 * log is then sealed by a `migration` seal that records how many events were hashed this way. From then on any
 * change to them is detected; nothing proves what they were before the migration ran (docs/audit.md). The update
 * trigger is lifted for the backfill only, inside the migration's transaction, and put back before it commits.
 */
export const EVENT_HASHES_MIGRATION_SQL = `
  ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';
`;

const PAGE = 1000;

/** An `events` row before it has its hash. */
type BackfillRow = Omit<EventRow, 'hash'>;

/** Hashes every stored event and seals them; a no-op on an empty log. Runs inside the migration transaction. */
export function hashExistingEvents(db: Database.Database, now: () => Date): void {
  const page = db
    .prepare<[bigint, number], BackfillRow>(
      `SELECT position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at
         FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .safeIntegers(true);
  const setHash = db.prepare<[string, bigint]>('UPDATE events SET hash = ? WHERE position = ?');
  const streamHeads = new Map<string, string>();
  let logHash = GENESIS_LOG_HASH;
  let count = 0;
  let last: BackfillRow | undefined;

  db.exec('DROP TRIGGER events_no_update');
  for (let after = 0n; ; ) {
    const rows = page.all(after, PAGE);
    for (const row of rows) {
      const hash = eventHash(streamHeads.get(row.stream_name) ?? GENESIS_HASH, {
        id: row.event_id,
        type: row.type,
        streamName: row.stream_name,
        revision: row.stream_revision,
        recordedAt: row.recorded_at,
        dataJson: row.data,
        metadataJson: row.metadata,
      });
      setHash.run(hash, row.position);
      streamHeads.set(row.stream_name, hash);
      logHash = nextLogHash(logHash, hash);
      count += 1;
      last = row;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].position;
  }
  db.exec(`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`);
  if (last === undefined) return;

  const recordedAt = nextRecordedAt(now(), last.recorded_at);
  const data: AuditSealData = {
    sealedUpTo: last.position.toString(),
    sealedUpToEventId: last.event_id,
    eventCount: count,
    logHash,
    reason: 'migration',
    sealedAt: recordedAt,
    requestedBy: null,
    migratedEvents: count,
  };
  const seal = {
    id: randomUUID(),
    type: AUDIT_LOG_SEALED,
    streamName: AUDIT_SEAL_STREAM,
    revision: 0n,
    recordedAt,
    dataJson: JSON.stringify(data),
    metadataJson: JSON.stringify({
      actor: AUDIT_SEAL_ACTOR,
      correlationId: 'schema-migration-event-hashes',
      causationId: null,
      schemaVersion: 1,
    }),
  };
  // A log from before this change has no seal stream, so the migration seal is its revision 0.
  db.prepare(
    `INSERT INTO events (event_id, stream_name, category, stream_revision, batch_index, batch_size, type, data,
       metadata, recorded_at, hash) VALUES (?, ?, ?, 0, 0, 1, ?, ?, ?, ?, ?)`,
  ).run(
    seal.id,
    seal.streamName,
    AUDIT_SEAL_CATEGORY,
    seal.type,
    seal.dataJson,
    seal.metadataJson,
    recordedAt,
    eventHash(GENESIS_HASH, seal),
  );
}
