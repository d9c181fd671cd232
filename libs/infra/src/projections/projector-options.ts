import { ENGINE } from './projection-schema';

/** How a projector batches, reports lag and stamps its rows, whichever database holds the read models. */
export interface ProjectorOptions {
  /** Events read per page of the log. Default 1 000. */
  readonly batchSize?: number;
  /**
   * While the log returns full pages (a backlog), the pages are folded into one batch until the folds hold this
   * many rows (see ProjectionFold.held); then the batch is written, in one transaction. Default 20 000.
   */
  readonly maxBatchRows?: number;
  /**
   * The same, for a batch of a projection that starts from the beginning of the log (a rebuild, a first catch-up):
   * a case's events are spread over the whole log, so the larger the batch, the fewer times each case is written.
   * Default 200 000.
   */
  readonly maxReplayBatchRows?: number;
  /** `eventsBehind` counts at most this many events. Default 10 000. */
  readonly lagCap?: number;
  /** Stamps `updated_at` of checkpoints and `applied_at` of migrations. Default: the system clock. */
  readonly now?: () => Date;
  /** Told why, before the read models are rebuilt because they do not belong to the log (see `catchUp`). */
  readonly onDivergence?: (reason: string) => void;
}

/**
 * Refuses projections that share a name or use the reserved one (a checkpoint is keyed by the name), and batch
 * sizes that are not positive integers.
 */
export function assertProjectorSetup(names: readonly string[], options: ProjectorOptions): void {
  if (new Set(names).size !== names.length || names.includes(ENGINE)) {
    throw new Error(`Projection names must be unique and not ${ENGINE}: ${names.join(', ')}`);
  }
  const sizes = [
    ['batchSize', options.batchSize],
    ['maxBatchRows', options.maxBatchRows],
    ['maxReplayBatchRows', options.maxReplayBatchRows],
  ] as const;
  for (const [option, value] of sizes) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new RangeError(`${option} must be a positive integer, got ${value}`);
    }
  }
}
