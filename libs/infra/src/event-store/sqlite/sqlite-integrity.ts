import type Database from 'better-sqlite3';

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
 * Runs `open` (which opens and migrates a SQLite file) and turns a corruption error into a CorruptDatabaseError
 * naming `file`; other errors pass unchanged.
 */
export function openChecked<T>(file: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (isCorruptionError(error)) throw new CorruptDatabaseError(file, [(error as Error).message]);
    throw error;
  }
}
