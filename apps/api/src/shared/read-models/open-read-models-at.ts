import { openPostgresPool, redactUrl, type EventStore, type ReadModelProjector, type RebuildReport } from '@app/infra';
import { ProgressBar, type ProgressOutput } from './rebuild/progress-bar';
import { openPostgresReadModels, openReadModels, readModelsFile } from './read-models.database';

/** Read models opened by a CLI command, with where they are (for its messages) and how to close them. */
export interface OpenedReadModels {
  readonly projector: ReadModelProjector;
  /** The database holding them: a PostgreSQL URL without its password, or the SQLite file. */
  readonly where: string;
  close(): Promise<void>;
}

/**
 * Opens the read models where a server on `store` keeps them: in the shared PostgreSQL database when there is one
 * (`stateUrl`: the event store's on PostgreSQL, STATE_STORE beside EventStoreDB), else in `dataDir`'s
 * read-models.sqlite.
 */
export async function openReadModelsAt(location: { readonly stateUrl: string | null; readonly dataDir: string }, store: EventStore): Promise<OpenedReadModels> {
  if (location.stateUrl === null) {
    const projector = openReadModels(location.dataDir, store);
    return { projector, where: readModelsFile(location.dataDir), close: () => projector.close() };
  }
  const pool = await openPostgresPool(location.stateUrl, { applicationName: 'licence-case-manager cli' });
  try {
    const projector = await openPostgresReadModels(pool, store);
    return {
      projector,
      where: redactUrl(location.stateUrl),
      close: async () => {
        await projector.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Opens the read models as {@link openReadModelsAt} does and rebuilds them all from the log, saying where on
 * `stderr` with a progress bar (the `rebuild` and `copy` commands); closes them after.
 */
export async function rebuildReadModelsAt(
  location: { readonly stateUrl: string | null; readonly dataDir: string },
  store: EventStore,
  stderr: ProgressOutput,
): Promise<{ readonly report: RebuildReport; readonly where: string }> {
  const readModels = await openReadModelsAt(location, store);
  try {
    stderr.write(`Rebuilding ${readModels.projector.names.join(', ')} in ${readModels.where}\n`);
    const bar = new ProgressBar(stderr);
    const report = await readModels.projector.rebuild(({ processed, total }) => bar.update(processed, total));
    bar.done();
    return { report, where: readModels.where };
  } finally {
    await readModels.close();
  }
}
