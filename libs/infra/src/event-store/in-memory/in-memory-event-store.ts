import { randomUUID } from 'node:crypto';
import {
  assertExpectedRevision,
  firstRevisionAfter,
  nextRecordedAt,
  resolveIdempotentRetry,
  type StoredEventRef,
} from '../event-store.append-rules';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../event-store.append-request';
import { eventHash, GENESIS_HASH } from '../event-hash';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  LogImporter,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port';
import { planAllRead, planStreamRead } from '../event-store.read-options';
import { compareDecimalPositions, isDecimalPosition, toPosition } from '../decimal-position';
import { InMemoryLogImporter } from './in-memory-log-importer';

/** Options of {@link InMemoryEventStore}. */
export interface InMemoryEventStoreOptions {
  /** The clock that stamps `recordedAt`; tests inject a controllable one. Default: the system clock. */
  readonly now?: () => Date;
}

/** An event as held in memory: data and metadata kept as JSON text, so nobody can mutate them through a reference. */
export interface StoredEvent extends StoredEventRef {
  readonly id: string;
  readonly type: string;
  readonly category: string;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly hash: string;
}

/**
 * An {@link EventStore} held in process memory, for unit tests and local experiments. Not durable.
 *
 * It obeys the same conformance suite as the SQLite adapter and shares its validation, idempotency rules and
 * JSON serialisation, so behaviour observed against it holds against the durable store. Positions are the decimal
 * strings of a global sequence starting at `'1'`.
 *
 * Each append runs synchronously from its checks to its writes (the `async` signature only satisfies the port),
 * so concurrent calls on the event loop cannot interleave inside one: that is its "transaction".
 */
export class InMemoryEventStore implements EventStore {
  /** The global log: the event at index i has position i + 1. */
  private readonly log: StoredEvent[] = [];
  /** Each stream's events: the event at index r has revision r. */
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byId = new Map<string, StoredEvent>();
  private readonly now: () => Date;
  /** Every instance is a log of its own (until its importer adopts another log's id). */
  private identity = randomUUID().replace(/-/g, '');
  private closed = false;

  /** Writes another store's log into this one while it is empty. */
  readonly importer: LogImporter;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    const state = {
      log: this.log,
      streams: this.streams,
      byId: this.byId,
      setIdentity: (logId: string) => {
        this.identity = logId;
      },
    };
    this.importer = new InMemoryLogImporter(state, () => this.assertOpen());
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const [result] = this.appendAll([prepareAppend(streamName, events, options?.expectedRevision)]);
    return result;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    return this.appendAll(prepareAppends(appends));
  }

  /**
   * Plans every append against the current state, then writes them all: any throw (a conflict, a reused id, the
   * clock) happens before the first write, so a multi-stream append is all or nothing. The parts name distinct
   * streams and ids (prepareAppends), so planning one never depends on another's writes except for positions.
   */
  private appendAll(appends: readonly PreparedAppend[]): AppendResult[] {
    const recordedAt = nextRecordedAt(this.now(), this.log.at(-1)?.recordedAt ?? null);
    const staged: StoredEvent[][] = [];
    let nextPosition = this.log.length + 1;
    const results = appends.map((append) => {
      const { streamName } = append;
      const ids = append.events.map((event) => event.id);
      const retry = resolveIdempotentRetry(streamName, ids, ids.map((id) => this.byId.get(id)), append.expectedRevision);
      if (retry !== null) return retry;

      const stream = this.streams.get(streamName) ?? [];
      const actual = stream.length === 0 ? null : BigInt(stream.length - 1);
      assertExpectedRevision(streamName, append.expectedRevision, actual);
      const firstRevision = firstRevisionAfter(actual);
      let previousHash = stream.at(-1)?.hash ?? GENESIS_HASH;
      const written: StoredEvent[] = append.events.map((event, index) => {
        const revision = firstRevision + BigInt(index);
        const hash = eventHash(previousHash, { ...event, streamName, revision, recordedAt });
        previousHash = hash;
        return {
          ...event,
          streamName,
          category: append.category,
          revision,
          position: toPosition(nextPosition++),
          batchIndex: index,
          batchSize: append.events.length,
          recordedAt,
          hash,
        };
      });
      staged.push(written);
      const last = written[written.length - 1];
      return { nextExpectedRevision: last.revision, position: last.position, recordedAt };
    });
    for (const written of staged) {
      const streamName = written[0].streamName;
      const stream = this.streams.get(streamName) ?? [];
      for (const event of written) {
        this.log.push(event);
        stream.push(event);
        this.byId.set(event.id, event);
      }
      this.streams.set(streamName, stream);
    }
    return results;
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planStreamRead(options);
    const stream = this.streams.get(streamName) ?? [];
    // Revision r sits at index r, so the revision window is a slice.
    const end = plan.maxRevision === null ? stream.length : Number(plan.maxRevision) + 1;
    let selected = stream.slice(Number(plan.minRevision), end);
    if (plan.recordedUntil !== null) {
      const until = plan.recordedUntil;
      selected = selected.filter((event) => event.recordedAt <= until);
    }
    if (plan.backwards) selected.reverse();
    if (plan.maxCount !== null) selected = selected.slice(0, plan.maxCount);
    return selected.map(toRecordedEvent);
  }

  async streamRevision(streamName: string): Promise<bigint | null> {
    this.assertOpen();
    const stream = this.streams.get(streamName);
    return stream === undefined ? null : BigInt(stream.length - 1);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planAllRead(options);
    const categories = plan.categories === null ? null : new Set(plan.categories);
    const result: RecordedEvent[] = [];
    // Position p sits at index p - 1, so "after p" starts at index p.
    for (let index = Number(plan.afterSequence); index < this.log.length && result.length < plan.limit; index++) {
      const event = this.log[index];
      if (categories === null || categories.has(event.category)) result.push(toRecordedEvent(event));
    }
    return result;
  }

  async logId(): Promise<string> {
    this.assertOpen();
    return this.identity;
  }

  async lastPosition(): Promise<Position | null> {
    this.assertOpen();
    return this.log.at(-1)?.position ?? null;
  }

  async countEvents(categories?: readonly string[]): Promise<number> {
    this.assertOpen();
    if (categories === undefined) return this.log.length;
    const wanted = new Set(categories);
    return this.log.filter((event) => wanted.has(event.category)).length;
  }

  comparePositions(a: Position, b: Position): number {
    return compareDecimalPositions(a, b);
  }

  isPosition(token: string): token is Position {
    return isDecimalPosition(token);
  }

  /** Idempotent. Afterwards every read and append rejects. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

/** A fresh copy for the caller: parsing the stored JSON again means no two reads share an object. */
function toRecordedEvent(event: StoredEvent): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    streamName: event.streamName,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
    hash: event.hash,
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
    metadata: JSON.parse(event.metadataJson) as EventMetadata,
  };
}
