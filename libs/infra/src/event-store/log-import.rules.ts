import { eventHash, GENESIS_HASH, isEventHash } from './event-hash';
import { streamCategory, type RecordedEvent } from './event-store.port';

/**
 * The checks a {@link LogImporter} makes on a page of recorded events before writing any of it, shared by the
 * adapters so they refuse the same pages. An imported event keeps its id, stream, revision, `recordedAt`, data,
 * metadata and hash; only its position is new.
 */

/** The page cannot be imported as given; nothing of it was written. */
export class LogImportRefusedError extends Error {
  readonly code = 'LOG_IMPORT_REFUSED';

  constructor(message: string) {
    super(message);
    this.name = 'LogImportRefusedError';
  }
}

/** A stream's last stored event: the revision and hash the next imported event must follow. */
export interface ImportStreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/** The log's last stored event, as far as grouping into appends needs it. */
export interface ImportLastEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly batchIndex: number;
}

/** One event ready to be written, with the JSON text its hash was computed over. */
export interface ImportRow {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly category: string;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly hash: string;
  readonly batchIndex: number;
  readonly batchSize: number;
}

/** The rows to insert and, when the page's first append began on the previous page, that append's new size. */
export interface ImportPlan {
  readonly rows: readonly ImportRow[];
  /** The stored events of the append the page continues (the log's last events) get this `batchSize`. */
  readonly resizeLastAppend: { readonly streamName: string; readonly fromRevision: bigint; readonly batchSize: number } | null;
}

/** What the store knows before the page: stream heads, stored ids and the log's last event. */
export interface ImportState {
  streamHead(streamName: string): ImportStreamHead | null;
  isStored(eventId: string): boolean;
  readonly lastEvent: ImportLastEvent | null;
}

/**
 * Checks a page (each event the next revision of its stream, its hash chained to its stream's previous event, ids
 * new, `recordedAt` a canonical UTC instant) and computes its rows.
 *
 * The port does not carry which append wrote an event, yet the idempotency rules need it (a retried append is
 * recognised by its whole batch). The original appends are rebuilt from the log: consecutive events of one stream
 * with one `recordedAt` came from one append (an append is written contiguously, at one instant). Two appends to the
 * same stream in one group commit are merged by this rule, so a retry of one of them is refused as a reused id
 * instead of being answered; nothing else changes.
 *
 * @throws LogImportRefusedError naming the first offending event.
 */
export function planImportPage(events: readonly RecordedEvent[], state: ImportState): ImportPlan {
  const heads = new Map<string, ImportStreamHead | null>();
  const ids = new Set<string>();
  const checked = events.map((event) => {
    const row = checkEvent(event, heads.has(event.streamName) ? heads.get(event.streamName)! : state.streamHead(event.streamName));
    if (ids.has(row.id) || state.isStored(row.id)) refuse(event, 'its id is already in the log');
    ids.add(row.id);
    heads.set(row.streamName, { revision: row.revision, hash: row.hash });
    return row;
  });
  return groupIntoAppends(checked, state.lastEvent);
}

type CheckedEvent = Omit<ImportRow, 'batchIndex' | 'batchSize'>;

function checkEvent(event: RecordedEvent, head: ImportStreamHead | null): CheckedEvent {
  if (typeof event.streamName !== 'string' || event.streamName.trim() === '') refuse(event, 'it has no stream name');
  if (typeof event.id !== 'string' || event.id.trim() === '') refuse(event, 'it has no id');
  const expected = head === null ? 0n : head.revision + 1n;
  if (event.revision !== expected) {
    refuse(event, `its revision is ${String(event.revision)}, the stream's next revision is ${expected}`);
  }
  if (typeof event.recordedAt !== 'string' || Number.isNaN(Date.parse(event.recordedAt)) || new Date(event.recordedAt).toISOString() !== event.recordedAt) {
    refuse(event, `recordedAt ${String(event.recordedAt)} is not a UTC instant in toISOString() form`);
  }
  if (!isEventHash(event.hash)) refuse(event, 'its hash is not a SHA-256 hex digest');
  // The JSON text is what every adapter stores and hashes: the same text the source hashed when it appended.
  const dataJson = JSON.stringify(event.data);
  const metadataJson = JSON.stringify(event.metadata);
  const hash = eventHash(head?.hash ?? GENESIS_HASH, { ...event, dataJson, metadataJson });
  if (hash !== event.hash) refuse(event, 'its hash does not match its content and the previous event of its stream');
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    category: streamCategory(event.streamName),
    revision: event.revision,
    recordedAt: event.recordedAt,
    dataJson,
    metadataJson,
    hash: event.hash,
  };
}

function groupIntoAppends(events: readonly CheckedEvent[], lastEvent: ImportLastEvent | null): ImportPlan {
  const rows: ImportRow[] = [];
  let resizeLastAppend: ImportPlan['resizeLastAppend'] = null;
  let start = 0;
  while (start < events.length) {
    let end = start + 1;
    while (end < events.length && continues(events[end - 1], events[end])) end += 1;
    const run = events.slice(start, end);
    // The first append of the page may have begun with the log's last stored events.
    const carried = start === 0 && lastEvent !== null && continues(lastEvent, run[0]) ? lastEvent.batchIndex + 1 : 0;
    const batchSize = carried + run.length;
    run.forEach((event, index) => rows.push({ ...event, batchIndex: carried + index, batchSize }));
    if (carried > 0) {
      resizeLastAppend = { streamName: run[0].streamName, fromRevision: run[0].revision - BigInt(carried), batchSize };
    }
    start = end;
  }
  return { rows, resizeLastAppend };
}

function continues(
  previous: { readonly streamName: string; readonly revision: bigint; readonly recordedAt: string },
  next: CheckedEvent,
): boolean {
  return previous.streamName === next.streamName && previous.revision + 1n === next.revision && previous.recordedAt === next.recordedAt;
}

function refuse(event: RecordedEvent, why: string): never {
  throw new LogImportRefusedError(
    `Cannot import event ${String(event.id)} (${String(event.streamName)} revision ${String(event.revision)}): ${why}`,
  );
}
