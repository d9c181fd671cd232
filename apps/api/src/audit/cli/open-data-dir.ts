import { existsSync } from 'node:fs';
import { SqliteEventStore } from '@app/infra';
import { ConfigError, loadConfig } from '../../shared/config/app-config';
import { sqliteFile } from '../../shared/event-store/event-store.providers';
import type { ProgressOutput } from '../../shared/read-models/rebuild/progress-bar';

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
}

/**
 * Opens the embedded event store of `--data-dir` (default DATA_DIR) for an audit command, or explains why not on
 * stderr and answers the exit code. Opening applies pending migrations, as the server would: a data directory
 * from before the hash chain is hashed and sealed once (docs/audit.md).
 */
export function openDataDir(dataDir: string | undefined, io: CliIo): SqliteEventStore | number {
  try {
    const { JWT_SECRET: _secret, NODE_ENV: _mode, ...env } = io.env;
    const config = loadConfig({ ...env, ...(dataDir !== undefined ? { DATA_DIR: dataDir } : {}) });
    if (config.eventStore !== 'sqlite') {
      io.stderr.write(`This command reads the embedded SQLite store; EVENT_STORE=${config.eventStore} is not supported\n`);
      return 2;
    }
    const file = sqliteFile(config);
    if (!existsSync(file)) {
      io.stderr.write(`No event store at ${file}: check --data-dir or DATA_DIR\n`);
      return 1;
    }
    return SqliteEventStore.open(file);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
