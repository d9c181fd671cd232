import { toPosition } from '../decimal-position';
import type { LogImporter, RecordedEvent } from '../event-store.port';
import { LogImportRefusedError, planImportPage } from '../log-import.rules';
import type { StoredEvent } from './in-memory-event-store';

/** The in-memory store's state the importer writes to (the store's own collections, shared by reference). */
export interface InMemoryLog {
  readonly log: StoredEvent[];
  readonly streams: Map<string, StoredEvent[]>;
  readonly byId: Map<string, StoredEvent>;
  setIdentity(logId: string): void;
}

/**
 * The in-memory store's {@link LogImporter}: each page is checked whole by the shared import rules before the first
 * event is added, so a refused page leaves the store as it was (its "transaction").
 */
export class InMemoryLogImporter implements LogImporter {
  constructor(
    private readonly state: InMemoryLog,
    private readonly assertOpen: () => void,
  ) {}

  async adoptLogId(logId: string): Promise<void> {
    this.assertOpen();
    if (this.state.log.length > 0) throw new LogImportRefusedError('Cannot adopt another log id: this log already holds events');
    if (typeof logId !== 'string' || logId.trim() === '') throw new LogImportRefusedError('Cannot adopt an empty log id');
    this.state.setIdentity(logId);
  }

  async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    const { log, streams, byId } = this.state;
    const last = log.at(-1);
    const plan = planImportPage(events, {
      streamHead: (streamName) => {
        const head = streams.get(streamName)?.at(-1);
        return head === undefined ? null : { revision: head.revision, hash: head.hash };
      },
      isStored: (eventId) => byId.has(eventId),
      lastEvent: last === undefined ? null : last,
    });
    if (plan.resizeLastAppend !== null) {
      const { streamName, fromRevision, batchSize } = plan.resizeLastAppend;
      this.resize(streamName, fromRevision, batchSize);
    }
    for (const row of plan.rows) {
      const event: StoredEvent = { ...row, position: toPosition(log.length + 1) };
      log.push(event);
      const stream = streams.get(row.streamName) ?? [];
      stream.push(event);
      streams.set(row.streamName, stream);
      byId.set(row.id, event);
    }
  }

  /** Stored events are immutable objects: the events of the continued append are replaced with resized copies. */
  private resize(streamName: string, fromRevision: bigint, batchSize: number): void {
    const stream = this.state.streams.get(streamName) ?? [];
    for (let index = Number(fromRevision); index < stream.length; index++) {
      const resized: StoredEvent = { ...stream[index], batchSize };
      stream[index] = resized;
      this.state.log[Number(resized.position) - 1] = resized;
      this.state.byId.set(resized.id, resized);
    }
  }
}
