import Database from 'better-sqlite3';

/**
 * Telling a damaged SQLite file from any other failure, so the operator gets one line naming the file and what
 * to do instead of a stack trace.
 */

/** A SQLite file that is not a database, or whose pages are damaged. */
export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file} is damaged: ${problems.join('; ')}`);
    this.name = 'CorruptDatabaseError';
  }
}

/**
 * Whether better-sqlite3 failed because the file is damaged (SQLITE_CORRUPT and its extended codes, or
 * SQLITE_NOTADB). Matched by `code`, since the native addon's errors may come from another realm.
 */
export function isCorruptionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * SQLite's quick check (`PRAGMA quick_check`): every page and record is read and checked, the indexes are not
 * matched against their tables (`integrityCheck` does that too). The problems found, at most `limit`; none: sound.
 */
export function quickCheck(db: Database.Database, limit = 5): string[] {
  return checkResult(db.pragma(`quick_check(${limit})`) as Array<{ quick_check: string }>, 'quick_check', limit);
}

/** SQLite's full integrity check (`PRAGMA integrity_check`), indexes included: slower, for `verify`. */
export function integrityCheck(db: Database.Database, limit = 20): string[] {
  return checkResult(db.pragma(`integrity_check(${limit})`) as Array<{ integrity_check: string }>, 'integrity_check', limit);
}

/** One message per problem, each on one line (SQLite may pack several into a row, under a `*** in database` title). */
function checkResult<K extends string>(rows: Array<Record<K, string>>, column: K, limit: number): string[] {
  const messages = rows
    .flatMap((row) => row[column].split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('*** in database'));
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages.slice(0, limit);
}

/**
 * Opens an existing SQLite file only to run `check` on it: its problems, or SQLite's message when the file is not a
 * database or too damaged to read. Not `readonly`: a read-only connection cannot open a WAL file whose -shm is
 * absent. It only reads.
 */
export function checkSqliteFile(file: string, check: (db: Database.Database) => string[]): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    return check(db);
  } catch (error) {
    if (isCorruptionError(error)) return [(error as Error).message];
    throw error;
  } finally {
    db?.close();
  }
}
