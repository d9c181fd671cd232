import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CorruptDatabaseError, isCorruptionError, quickCheck } from './sqlite-integrity';

/** How long a writer waits for another connection's write lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Options of {@link openDurableSqlite}: what differs between the files; the rest is the same for all. */
export interface DurableSqliteOptions {
  /** What the file holds, for the error when SQLite refuses WAL mode (e.g. `the event store`). */
  readonly holds: string;
  /**
   * FULL for a record that must survive a power loss once a write returns (WAL's default, NORMAL, may lose the last
   * commits); NORMAL for derived data that is rebuilt from such a record.
   */
  readonly synchronous: 'FULL' | 'NORMAL';
  /** Further pragmas, set after the others (e.g. `cache_size = -65536`). */
  readonly tuning?: readonly string[];
  /**
   * Quick-check the pages before migrating and refuse a damaged file. Off for a file that should still open damaged
   * (so its owner can report what was found).
   */
  readonly refuseDamagedPages?: boolean;
  /** Brings the schema up to date, forward-only (e.g. `applyMigrations`). */
  readonly migrate: (db: Database.Database) => unknown;
}

/**
 * The one way a durable SQLite file is opened: its directory created if needed, the connection in WAL mode with a
 * {@link SQLITE_BUSY_TIMEOUT_MS} busy timeout, foreign keys on and the options' pragmas, the schema migrated, then
 * `build` run on the connection (the store preparing its statements). If any step throws, the connection is closed;
 * a file that is not a database or is too damaged to read fails with a {@link CorruptDatabaseError} naming it.
 *
 * `':memory:'` is refused: an in-memory database cannot use WAL.
 *
 * @throws CorruptDatabaseError when the file is not a database, is damaged where it was read, or (with
 *   `refuseDamagedPages`) fails the quick check.
 * @throws Error when SQLite refuses WAL mode, or `migrate` refuses the file (e.g. a schema from a newer build).
 */
export function openDurableSqlite<T>(file: string, options: DurableSqliteOptions, build: (db: Database.Database) => T): T {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    configure(db, options);
    if (options.refuseDamagedPages) {
      const problems = quickCheck(db);
      if (problems.length > 0) throw new CorruptDatabaseError(file, problems);
    }
    options.migrate(db);
    return build(db);
  } catch (error) {
    db?.close();
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, [(error as Error).message]);
    throw error;
  }
}

function configure(db: Database.Database, options: DurableSqliteOptions): void {
  const journalMode = db.pragma('journal_mode = WAL', { simple: true });
  if (journalMode !== 'wal') {
    throw new Error(`SQLite refused WAL mode for ${options.holds} (journal_mode is ${String(journalMode)})`);
  }
  db.pragma(`synchronous = ${options.synchronous}`);
  // better-sqlite3's build turns it on by default too; said here so no store depends on how SQLite was built.
  db.pragma('foreign_keys = ON');
  for (const pragma of options.tuning ?? []) db.pragma(pragma);
}
