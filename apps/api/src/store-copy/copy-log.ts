import type { EventStore, LogImporter, Position } from '@app/infra';

/** Why a copy did not start: the target is not a fit. Nothing was written. */
export class CopyRefusedError extends Error {}

export interface CopyProgress {
  readonly copied: number;
  /** The source's event count when it can count cheaply, else null. */
  readonly total: number | null;
}

export interface CopyLogResult {
  readonly logId: string;
  readonly events: number;
  /** The source's last position copied (null: the source log was empty). */
  readonly sourceHead: Position | null;
}

export interface CopyLogOptions {
  readonly pageSize?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * Copies the whole source log into an empty target through the target's importer, page by page in global order:
 * the target takes over the source's log id first, then every event keeps its id, stream, revision, `recordedAt`,
 * metadata and hash (positions are the target's own). The log is copied up to the head it had when the copy began,
 * so run it with the writers stopped: anything appended later is not copied.
 *
 * @throws CopyRefusedError when the target has no importer or already holds events.
 */
export async function copyLog(source: EventStore, target: EventStore, options: CopyLogOptions = {}): Promise<CopyLogResult> {
  const importer = importerOf(target);
  if ((await target.lastPosition()) !== null) {
    throw new CopyRefusedError('The target store already holds events: a copy goes into an empty store only (nothing was written)');
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const head = await source.lastPosition();
  const total = source.countEvents === undefined ? null : await source.countEvents();
  const logId = await source.logId();
  await importer.adoptLogId(logId);

  let copied = 0;
  options.onProgress?.({ copied, total });
  let after: Position | undefined;
  while (head !== null) {
    const page = await source.readAll({ ...(after === undefined ? {} : { after }), limit: pageSize });
    const within = page.filter((event) => source.comparePositions(event.position, head) <= 0);
    if (within.length > 0) await importer.importRecorded(within);
    copied += within.length;
    options.onProgress?.({ copied, total });
    if (page.length < pageSize || within.length < page.length) break;
    after = page[page.length - 1].position;
  }
  return { logId, events: copied, sourceHead: head };
}

function importerOf(target: EventStore): LogImporter {
  if (target.importer === undefined) {
    throw new CopyRefusedError('The target store cannot import a log (its adapter has no importer): choose another target');
  }
  return target.importer;
}
