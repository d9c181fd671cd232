import { parseArgs } from 'node:util';
import { dataDirOf } from '../shared/config/app-config';
import { parseEventStoreSpec, type EventStoreSpec } from '../shared/event-store/open-event-store-by-spec';

export const COPY_USAGE = `  copy --from <store> --to <store> [--data-dir <dir>] [--page-size <n>]
      Copies the whole event log into an empty store: every event keeps its id, stream, revision, metadata, recorded
      time and hash, and the log keeps its id. Then verifies the copy (events per category, every stream's revision
      and last hash, the target's hash chains and seals) and rebuilds the read models over the target into <dir>
      (default: the target's directory for sqlite:<dir>, else DATA_DIR). A store is sqlite:<dir>, postgres://… or
      esdb://…. Run it with the servers stopped. Exit code 0 when copied and verified, 1 when refused or failed.`;

/** A usage mistake: the command answers 2 and touches nothing. */
export class CopyUsageError extends Error {}

export interface CopyOptions {
  readonly from: string;
  readonly to: string;
  readonly source: EventStoreSpec;
  readonly target: EventStoreSpec;
  /** Where the read models over the target are rebuilt. */
  readonly dataDir: string;
  readonly pageSize: number;
}

const MAX_PAGE_SIZE = 10_000;

/**
 * Reads the command line of `copy`.
 *
 * @throws CopyUsageError (missing or malformed options), ConfigError (a store spec that names no store).
 */
export function parseCopyOptions(args: string[], env: NodeJS.ProcessEnv): CopyOptions {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'data-dir': { type: 'string' },
      'page-size': { type: 'string' },
    },
  });
  if (values.from === undefined || values.to === undefined) throw new CopyUsageError('copy needs --from <store> and --to <store>');
  const source = parseEventStoreSpec(values.from);
  const target = parseEventStoreSpec(values.to);
  if (source.kind === 'sqlite' && target.kind === 'sqlite' && source.dataDir === target.dataDir) {
    throw new CopyUsageError('--from and --to name the same data directory');
  }
  const pageSize = values['page-size'] === undefined ? 1000 : Number(values['page-size']);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new CopyUsageError(`--page-size must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${values['page-size']}`);
  }
  const dataDir =
    values['data-dir'] !== undefined
      ? dataDirOf({ DATA_DIR: values['data-dir'] })
      : target.kind === 'sqlite'
        ? target.dataDir
        : dataDirOf(env);
  return { from: values.from, to: values.to, source, target, dataDir, pageSize };
}
