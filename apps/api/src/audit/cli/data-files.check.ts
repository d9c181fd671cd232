import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkSqliteFile, integrityCheck } from '@app/infra';
import { SUBSCRIPTIONS_REMEDY } from '../../shared/config/data-files';

/** Each data file and what to do when it is damaged. */
const FILES: ReadonlyArray<readonly [string, string]> = [
  ['events.sqlite', 'restore it from a backup: it is the record of every case'],
  ['read-models.sqlite', 'nothing to restore: the server moves it aside and rebuilds it from the event log at its next start'],
  ['idempotency.sqlite', 'restore it from a backup, or move it aside to start with no keys'],
  ['subscriptions.sqlite', SUBSCRIPTIONS_REMEDY],
];

/**
 * SQLite's full integrity check of every data file in `dataDir`: one line per file, `ok`, `absent`, or its
 * problems and the remedy. Read-only, safe while the server runs.
 *
 * @returns the names of the damaged files.
 */
export function verifyDataFiles(dataDir: string, out: { write(text: string): unknown }): string[] {
  const damaged: string[] = [];
  for (const [name, remedy] of FILES) {
    const file = path.join(dataDir, name);
    if (!existsSync(file)) {
      out.write(`${file}: absent\n`);
      continue;
    }
    const problems = checkSqliteFile(file, integrityCheck);
    if (problems.length === 0) {
      out.write(`${file}: ok\n`);
    } else {
      damaged.push(name);
      out.write(`${file}: DAMAGED (${problems.join('; ')}): ${remedy}\n`);
    }
  }
  return damaged;
}
