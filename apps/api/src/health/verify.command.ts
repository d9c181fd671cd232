import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { integrityCheck, isCorruptionError } from '@app/infra';

export const VERIFY_USAGE = `  verify [--data-dir <dir>]
      Runs SQLite's full integrity check on the event log, the read models and the idempotency keys in <dir>
      (default DATA_DIR) and says what to do about a damaged file. Exit code 0: all sound; 1: a file is damaged.`;

/** Each data file and what to do when it is damaged. */
const FILES: ReadonlyArray<readonly [string, string]> = [
  ['events.sqlite', 'restore it from a backup: it is the record of every case'],
  ['read-models.sqlite', 'nothing to restore: the server moves it aside and rebuilds it from the event log at its next start'],
  ['idempotency.sqlite', 'restore it from a backup, or move it aside to start with no keys'],
];

export interface VerifyIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: { write(text: string): unknown };
}

/** `verify`: one line per file, `ok` or its problems and the remedy. Read-only; safe while the server runs. */
export function verifyCommand(args: string[], io: VerifyIo): number {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  const dataDir = values['data-dir'] ?? io.env.DATA_DIR ?? './data';
  let damaged = 0;
  for (const [name, remedy] of FILES) {
    const file = path.join(dataDir, name);
    if (!existsSync(file)) {
      io.stdout.write(`${file}: absent\n`);
      continue;
    }
    const problems = check(file);
    if (problems.length === 0) {
      io.stdout.write(`${file}: ok\n`);
    } else {
      damaged += 1;
      io.stdout.write(`${file}: DAMAGED (${problems.join('; ')}): ${remedy}\n`);
    }
  }
  return damaged === 0 ? 0 : 1;
}

function check(file: string): string[] {
  let db: Database.Database | undefined;
  try {
    // Not `readonly`: a read-only connection cannot open a WAL file whose -shm is absent. It only reads.
    db = new Database(file, { fileMustExist: true });
    return integrityCheck(db);
  } catch (error) {
    if (isCorruptionError(error)) return [(error as Error).message];
    throw error;
  } finally {
    db?.close();
  }
}
