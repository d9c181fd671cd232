import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkSqliteFile, quickCheck } from '@app/infra';
import { ConfigError, sharedStateUrl, type AppConfig } from './app-config';

/**
 * Before the application is built: a data file that is not a database, or an idempotency or subscriptions file
 * with damaged pages, stops the start with one line naming the file and what to do. Checked here rather than where
 * the stores open, because Nest prints a stack trace for an error thrown while it builds its providers.
 * Damaged pages in the event log do not stop the start (the store reports them and /health answers 503), and a
 * damaged read-model file is moved aside and rebuilt (see openReadModels).
 */
export function checkDataFiles(config: AppConfig): void {
  if (config.eventStore === 'sqlite') check(path.join(config.dataDir, 'events.sqlite'), false, 'restore it from a backup (it is the record of every case)');
  // On EventStoreDB without a STATE_STORE the keys and subscriptions are still files of DATA_DIR.
  if (sharedStateUrl(config) !== null) return;
  check(
    path.join(config.dataDir, 'idempotency.sqlite'),
    true,
    'restore it from a backup, or move it aside to start with no keys (a retry of an earlier request then runs ' +
      'again, and is refused by the case rules or by the id its key derives)',
  );
  check(path.join(config.dataDir, 'subscriptions.sqlite'), true, SUBSCRIPTIONS_REMEDY);
}

/** The webhook subscriptions are not events: the log cannot rebuild them. */
export const SUBSCRIPTIONS_REMEDY =
  'restore it from a backup, or move it aside and create the webhook subscriptions again (they are not in the event log)';

function check(file: string, pages: boolean, remedy: string): void {
  if (!existsSync(file)) return;
  const problems = checkSqliteFile(file, (db) => {
    if (pages) return quickCheck(db);
    db.pragma('schema_version'); // reads the header and the schema page: enough to tell a database
    return [];
  });
  if (problems.length > 0) {
    throw new ConfigError(`${file} is damaged (${problems.join('; ')}): ${remedy}; \`npm run cli -- verify\` checks every file`);
  }
}
