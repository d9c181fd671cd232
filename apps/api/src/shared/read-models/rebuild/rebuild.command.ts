import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, sharedStateUrl, type AppConfig } from '../../config/app-config';
import { openDataDir } from '../../cli/open-data-dir';
import { rebuildReadModelsAt } from '../open-read-models-at';
import type { ProgressOutput } from './progress-bar';

export const REBUILD_USAGE = `  rebuild [--data-dir <dir>]
      Replays every read model (case list, dashboard, workload, expiry schedule, re-evaluation runs) from the start
      of the event log EVENT_STORE names (default: <dir>/events.sqlite), where the server keeps them: the shared
      PostgreSQL database (EVENT_STORE or STATE_STORE), else <dir>/read-models.sqlite. The directory
      defaults to DATA_DIR, as for the server. Meant to run with the
      server stopped; if one is running it keeps serving, and its lists are partial until the replay has passed.`;

export interface RebuildIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: ProgressOutput;
  readonly stderr: ProgressOutput;
}

/**
 * `rebuild`: resets each projection (rows and checkpoint in one transaction) and replays the log from zero, with a
 * progress bar on stderr and a summary on stdout. Answers the exit code: 0 done, 1 failed, 2 usage.
 */
export async function rebuildCommand(args: string[], io: RebuildIo): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } } });
  let config: AppConfig;
  try {
    // The rebuild needs no token secret: leave JWT_SECRET and NODE_ENV out, so production settings do not stop it.
    const { JWT_SECRET: _secret, NODE_ENV: _mode, ...env } = io.env;
    config = loadConfig({ ...env, ...(values['data-dir'] !== undefined ? { DATA_DIR: values['data-dir'] } : {}) });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const { dataDir } = config;
  const store = await openDataDir(values['data-dir'], io);
  if (typeof store === 'number') return store;
  try {
    const { report } = await rebuildReadModelsAt({ stateUrl: sharedStateUrl(config), dataDir }, store, io.stderr);
    const lines = report.projections.map(
      (projection) => `  ${projection.name}: ${projection.events} events, checkpoint ${projection.position ?? '(empty log)'}`,
    );
    io.stdout.write(
      `Rebuilt ${report.projections.length} projection(s) from ${report.processed} events in ` +
        `${(report.durationMs / 1000).toFixed(1)} s\n${lines.join('\n')}\n`,
    );
    return 0;
  } catch (error) {
    io.stderr.write(`\nRebuild failed: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
