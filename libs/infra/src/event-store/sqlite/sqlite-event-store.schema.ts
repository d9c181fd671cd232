import type Database from 'better-sqlite3';
import { EVENT_HASHES_MIGRATION_SQL, hashExistingEvents } from './sqlite-event-hashes.migration';

/**
 * The SQLite event store's schema, as numbered forward-only migrations.
 *
 * A migration, once released, is never edited: change the schema by appending a new one. Each open applies the
 * missing ones in order, inside one IMMEDIATE transaction, and records them in `schema_migrations`, so a crash
 * mid-migration leaves the schema as it was and two processes opening the same file at once migrate it once.
 */

/** One schema change: `up` is run with `exec` (several statements allowed). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  /** Data work after `up`, in the same transaction (e.g. computing values SQL cannot). */
  readonly backfill?: (db: Database.Database, now: () => Date) => void;
}

/**
 * Design notes on version 1:
 * - `position` is `INTEGER PRIMARY KEY AUTOINCREMENT`: the rowid, assigned inside the write transaction, so with
 *   SQLite's single writer positions become visible in order with no gaps; AUTOINCREMENT (unlike a plain rowid)
 *   never hands out a number again, even after the last row were removed, so a stored checkpoint cannot be reused.
 * - The stream's revision is `MAX(stream_revision)`, not a separate `streams` table: the
 *   UNIQUE (stream_name, stream_revision) index answers it with one seek, there is no second row to keep in step,
 *   and the unique index is also the last line of defence if two writers ever computed the same revision.
 * - `batch_index` / `batch_size` record which append wrote each event, so an idempotent retry can be told apart
 *   from a replay of part of a batch or of two batches (see `resolveIdempotentRetry`).
 * - `category` (text before the first '-') is stored and indexed with `position` so a category read is an
 *   ordered index range scan instead of a scan of the whole log.
 * - Events are immutable: triggers refuse UPDATE and DELETE, making the audit trail tamper-evident at the
 *   storage layer. A later retention or crypto-shredding feature must lift this in its own migration.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create-events',
    up: `
      CREATE TABLE events (
        position        INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id        TEXT    NOT NULL UNIQUE,
        stream_name     TEXT    NOT NULL,
        category        TEXT    NOT NULL,
        stream_revision INTEGER NOT NULL CHECK (stream_revision >= 0),
        batch_index     INTEGER NOT NULL CHECK (batch_index >= 0),
        batch_size      INTEGER NOT NULL CHECK (batch_size > batch_index),
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL CHECK (json_valid(data)),
        metadata        TEXT    NOT NULL CHECK (json_valid(metadata)),
        recorded_at     TEXT    NOT NULL,
        UNIQUE (stream_name, stream_revision)
      ) STRICT;
      CREATE INDEX events_category_position ON events (category, position);
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
  {
    // Per-event hash chain (docs/audit.md). Self-contained: it adds its column, hashes and seals what is there.
    version: 2,
    name: 'event-hashes',
    up: EVENT_HASHES_MIGRATION_SQL,
    backfill: hashExistingEvents,
  },
];

/**
 * Brings the database up to the latest migration. Safe to call on every open: already-recorded migrations are
 * skipped. Refuses a database that records a migration this build does not know (written by a newer build) or
 * under another name (the migration list was edited after release).
 *
 * @returns the versions applied by this call, in order (empty when the schema was already current).
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[] = EVENT_STORE_MIGRATIONS,
  now: () => Date = () => new Date(),
): number[] {
  assertWellFormed(migrations);
  const migrate = db.transaction((): number[] => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`);
    const recorded = db
      .prepare<[], { version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
      .all();
    for (const row of recorded) {
      const known = migrations.find((migration) => migration.version === row.version);
      if (known === undefined) {
        throw new Error(`Database records schema migration ${row.version} (${row.name}), unknown to this build`);
      }
      if (known.name !== row.name) {
        throw new Error(`Schema migration ${row.version} is recorded as ${row.name}, but this build calls it ${known.name}`);
      }
    }
    const done = new Set(recorded.map((row) => row.version));
    const record = db.prepare<[number, string, string]>(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      db.exec(migration.up);
      migration.backfill?.(db, now);
      record.run(migration.version, migration.name, now().toISOString());
      applied.push(migration.version);
    }
    return applied;
  });
  // IMMEDIATE: a second process opening the same file waits here, then sees the first one's work as done.
  return migrate.immediate();
}

/** Versions must be 1, 2, 3, … with unique names: a gap or reorder is a bug in the list, not in the database. */
function assertWellFormed(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration #${index} has version ${migration.version}; versions must be 1, 2, 3, …`);
    }
  });
  if (new Set(migrations.map((migration) => migration.name)).size !== migrations.length) {
    throw new Error('Migration names must be unique');
  }
}
