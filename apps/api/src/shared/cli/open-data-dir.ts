import { existsSync } from 'node:fs';
import { SqliteEventStore, StoreUnavailableError, type EventStore } from '@app/infra';
import { ConfigError, loadConfig, storeKind } from '../config/app-config';
import { sqliteFile } from '../event-store/event-store.providers';
import { openEventStoreBySpec } from '../event-store/open-event-store-by-spec';
import type { ProgressOutput } from '../read-models/rebuild/progress-bar';

export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
}

/**
 * Opens the event store a CLI command works on, as the server would: EVENT_STORE's server store when it names one,
 * else the embedded store of `--data-dir` (default DATA_DIR). Explains why not on stderr and answers the exit code
 * otherwise. Opening applies pending migrations: a data directory from before the hash chain is hashed and sealed
 * once (docs/audit.md).
 */
export async function openDataDir(dataDir: string | undefined, io: CliIo): Promise<EventStore | number> {
  try {
    const { JWT_SECRET: _secret, NODE_ENV: _mode, ...env } = io.env;
    const config = loadConfig({ ...env, ...(dataDir !== undefined ? { DATA_DIR: dataDir } : {}) });
    if (storeKind(config.eventStore) !== 'sqlite') return await openEventStoreBySpec(config.eventStore);
    const file = sqliteFile(config);
    if (!existsSync(file)) {
      io.stderr.write(`No event store at ${file}: check --data-dir or DATA_DIR\n`);
      return 1;
    }
    return SqliteEventStore.open(file);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreUnavailableError) {
      io.stderr.write(`${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    throw error;
  }
}
