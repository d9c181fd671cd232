import { Readable } from 'node:stream';
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type JSONRecordedEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { EsdbStoreClient } from '../esdb-event-store';

/** An event as the simulated server holds it: JSON text, as the real one holds bytes. */
export interface FakeStoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly dataJson: string;
  /** `null`: the event has no metadata (the client then reads it as `undefined`). */
  readonly metadataJson: string | null;
}

/**
 * A simulation of the few client calls EsdbEventStore makes, with the server's rules that the adapter relies on:
 * optimistic concurrency on the expected revision (WrongExpectedVersionError with the current revision), revisions
 * from 0, `$all` positions increasing, reads from a position inclusive, StreamNotFoundError for a missing stream.
 * It is a test double for the adapter's logic, not evidence about a real server (see the int-spec for that).
 */
export class FakeEsdbClient implements EsdbStoreClient {
  readonly log: FakeStoredEvent[] = [];
  /** Called before each append is applied: a test writes "another process's" events here to stage a race. */
  beforeAppend: ((streamName: string) => void | Promise<void>) | undefined;
  /** When set, every call fails as a lost connection does. */
  unavailable = false;
  appendCalls = 0;
  disposed = false;

  appendToStream = async (
    streamName: string,
    events: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> => {
    this.failIfUnavailable();
    this.appendCalls += 1;
    const hook = this.beforeAppend;
    this.beforeAppend = undefined;
    await hook?.(streamName);
    return this.write(streamName, Array.isArray(events) ? events : [events], options.expectedRevision ?? ANY);
  };

  /** Writes as the server does, checking the expected revision. */
  write(streamName: string, events: readonly EventData[], expected: AppendExpectedRevision): AppendResult {
    const current = this.head(streamName);
    const satisfied =
      expected === ANY ||
      (expected === NO_STREAM && current === null) ||
      (expected === STREAM_EXISTS && current !== null) ||
      (typeof expected === 'bigint' && expected === current);
    if (!satisfied) {
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current: current ?? NO_STREAM });
    }
    let revision = current === null ? 0n : current + 1n;
    let position: Position = { commit: 0n, prepare: 0n };
    for (const event of events) {
      const commit = BigInt(this.log.length + 1) * 100n;
      position = { commit, prepare: commit };
      this.log.push({
        streamId: streamName,
        id: event.id,
        type: event.type,
        revision: revision++,
        position,
        dataJson: JSON.stringify(event.data),
        metadataJson: event.metadata === undefined ? null : JSON.stringify(event.metadata),
      });
    }
    return { success: true, nextExpectedRevision: revision - 1n, position };
  }

  readStream = (streamName: string, options: ReadStreamOptions = {}): StreamingRead<ResolvedEvent> => {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const read = function* (this: FakeEsdbClient) {
      this.failIfUnavailable();
      let events = this.log.filter((event) => event.streamId === streamName);
      if (events.length === 0) throw new StreamNotFoundError(undefined, streamName);
      if (backwards) events = events.reverse().filter((event) => typeof from !== 'bigint' || event.revision <= from);
      else events = events.filter((event) => typeof from !== 'bigint' || event.revision >= from);
      for (const event of events.slice(0, maxCount)) yield { event: toRecorded(event) };
    };
    return streaming(read.call(this));
  };

  readAll = (options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> => {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const read = function* (this: FakeEsdbClient) {
      this.failIfUnavailable();
      const events = backwards ? [...this.log].reverse() : this.log;
      // The server reads $all from a position inclusive.
      const start = typeof from === 'object' ? from : null;
      for (const event of events) {
        const inRange = start === null || (backwards ? event.position.commit <= start.commit : event.position.commit >= start.commit);
        if (inRange) yield { event: { ...toRecorded(event), position: event.position } };
      }
    };
    return streaming(read.call(this));
  };

  dispose = async (): Promise<void> => {
    this.disposed = true;
  };

  head(streamName: string): bigint | null {
    const events = this.log.filter((event) => event.streamId === streamName);
    return events.length === 0 ? null : events[events.length - 1].revision;
  }

  private failIfUnavailable(): void {
    if (this.unavailable) throw new UnavailableError(undefined, '14 UNAVAILABLE: No connection established');
  }
}

/** The event as the client hands it over. */
export function toRecorded(event: FakeStoredEvent): JSONRecordedEvent {
  return {
    streamId: event.streamId,
    id: event.id,
    isJson: true,
    revision: event.revision,
    type: event.type,
    created: new Date(0),
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
    metadata: event.metadataJson === null ? undefined : (JSON.parse(event.metadataJson) as Record<string, unknown>),
    position: event.position,
  } as JSONRecordedEvent;
}

/** A client-style streaming read over a generator (errors thrown by it surface while iterating, as the server's do). */
function streaming<E>(source: Iterable<E>): StreamingRead<E> {
  const readable = Readable.from(source, { objectMode: true });
  return Object.assign(readable, { cancel: async () => undefined }) as unknown as StreamingRead<E>;
}
