import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import { prepareAppend, prepareAppends, type PreparedAppend } from '../event-store.append-request';
import { planStreamRead } from '../event-store.read-options';
import {
  streamCategory,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type LogImporter,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
} from '../event-store.port';
import { planAppend, type StreamScan } from './esdb-append-plan';
import { describeEsdbStore, toPortFailure, toPortWrongExpectedVersion } from './esdb-errors';
import { adoptLogId, readOrCreateLogId } from './esdb-log-identity';
import { importPage } from './esdb-importer';
import { readStreamWindow } from './esdb-stream-read';
import { compareEsdbPositions, decodeEsdbPosition, encodeEsdbPosition, isEsdbPosition } from './esdb-position';
import { fromEsdbEvent } from './esdb-recorded-event';
import { recordedEvents } from './esdb-reads';
import { exactEsdbRevision, fromEsdbCurrentRevision } from './esdb-revision';
import { planAllRead } from './esdb-read-all';
import { assertStreamPrefix, fromServerStream, logIdentityStream, toServerStream } from './esdb-stream-names';
import { scanStream } from './esdb-stream-scan';

/** Options of {@link EsdbEventStore.connect}. */
export interface EsdbEventStoreOptions {
  /** The clock that stamps `recordedAt`. Default: the system clock. */
  readonly now?: () => Date;
  /**
   * Put in front of every stream name on the server, so several logs can share one database; this log then sees
   * only its own streams. Default: none (every non-system stream is the log's).
   */
  readonly streamPrefix?: string;
  /** How long `connect` waits for its first read before reporting the server unavailable. Default 5000 ms. */
  readonly connectDeadlineMs?: number;
}

/** The client surface the store uses. */
export type EsdbStoreClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'dispose'>;

export const ESDB_CONNECT_DEADLINE_MS = 5_000;

/**
 * How often an append re-reads and tries again when another writer moved the stream between its read and its write.
 * Only 'any' and 'stream-exists' appends can lose that race more than once (an exact expectation turns into a
 * WrongExpectedVersionError on the re-read); each round lets at least one writer through.
 */
const MAX_WRITE_RACES = 100;

/**
 * An {@link EventStore} on EventStoreDB / KurrentDB, through `@eventstore/db-client`.
 *
 * - Appends read the stream first (its head continues the hash chain; its events tell an idempotent retry from a
 *   reused id) and write with the exact revision read, so the server refuses the write if anyone got in between; the
 *   append then reads again and rules anew. `recordedAt`, the hash and the batch place travel in the event metadata
 *   (esdb-envelope.ts). EventStoreDB has no index by event id: an id reused in ANOTHER stream is not detected.
 * - `appendToStreams` has no multi-stream transaction to use: it rules on every part first (a stale expectation or a
 *   reused id writes nothing), then writes the parts one by one in the order given, as the port documents.
 * - `readAll` reads `$all` (the 6.x client offers no server-side filter on reads) and keeps this log's events;
 *   positions are `$all`'s {commit, prepare} (esdb-position.ts). Reading `$all` needs an admin user on a secure server.
 * - An unreachable server or a lost connection is a {@link StoreUnavailableError} naming the hosts, never credentials.
 */
export class EsdbEventStore implements EventStore {
  private closed = false;

  /**
   * Copies another store's log in (`cli copy`), keeping ids, revisions, `recordedAt`, metadata and hashes (they travel
   * in the envelope); positions are minted anew. With no multi-stream transaction, a page is checked whole first (next
   * revisions, hash chains) and then written run by run, in order. Imported events carry the page's runs of one
   * stream as their batches: a retry of an append made before the copy is recognised when it matches such a run.
   */
  readonly importer: LogImporter = {
    adoptLogId: (logId) => this.adoptLogId(logId),
    importRecorded: (events) => this.importRecorded(events),
  };

  private constructor(
    private readonly client: EsdbStoreClient,
    private readonly store: string,
    private readonly now: () => Date,
    private readonly streamPrefix: string,
    private identity: string,
  ) {}

  /**
   * Connects and reads (creating it on a new database) the log's identity, within `connectDeadlineMs`.
   *
   * @throws StoreUnavailableError when the server cannot be reached in time.
   * @throws TypeError for a malformed connection string (reported without it, as it may hold a password).
   */
  static async connect(connectionString: string, options: EsdbEventStoreOptions = {}): Promise<EsdbEventStore> {
    const store = describeEsdbStore(connectionString);
    assertStreamPrefix(options.streamPrefix ?? '');
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch {
      throw new TypeError(`Invalid EventStoreDB connection string for ${store}`);
    }
    try {
      return await EsdbEventStore.withClient(client, store, options);
    } catch (error) {
      void client.dispose().catch(() => undefined);
      throw error;
    }
  }

  /**
   * A store over a client built elsewhere (custom TLS or credentials; a simulated client in tests). Reads or creates
   * the log's identity within `connectDeadlineMs`; `store` names the server in errors and must hold no credentials.
   *
   * @throws StoreUnavailableError when the server cannot be reached in time.
   */
  static async withClient(
    client: EsdbStoreClient,
    store: string,
    options: EsdbEventStoreOptions = {},
  ): Promise<EsdbEventStore> {
    const streamPrefix = options.streamPrefix ?? '';
    assertStreamPrefix(streamPrefix);
    const deadline = options.connectDeadlineMs ?? ESDB_CONNECT_DEADLINE_MS;
    try {
      const identityStream = logIdentityStream(streamPrefix);
      const identity = await withDeadline(readOrCreateLogId(client, identityStream, deadline), deadline, store);
      return new EsdbEventStore(client, store, options.now ?? (() => new Date()), streamPrefix, identity);
    } catch (error) {
      throw toPortFailure(error, store);
    }
  }

  async appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const part = prepareAppend(streamName, events, options?.expectedRevision);
    return this.guard(async () => this.appendPart(part, await this.scan(part), this.now()));
  }

  /** Rules on every part before writing any, then writes them stream by stream, in order, at one instant. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    const parts = prepareAppends(appends);
    return this.guard(async () => {
      const now = this.now();
      const scans = await Promise.all(parts.map((part) => this.scan(part)));
      parts.forEach((part, index) => planAppend(part, scans[index], now));
      const results: AppendResult[] = [];
      for (const [index, part] of parts.entries()) results.push(await this.appendPart(part, scans[index], now));
      return results;
    });
  }

  async readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planStreamRead(options);
    return this.guard(() =>
      readStreamWindow(this.client, toServerStream(this.streamPrefix, streamName), streamName, plan),
    );
  }

  async streamRevision(streamName: string): Promise<bigint | null> {
    this.assertOpen();
    const serverStream = toServerStream(this.streamPrefix, streamName);
    return this.guard(async () => {
      const read = this.client.readStream(serverStream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
      for await (const event of recordedEvents(read)) return event.revision;
      return null;
    });
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    const plan = planAllRead(options);
    if (plan.limit === 0 || plan.categories?.size === 0) return [];
    return this.guard(async () => {
      const fromPosition = plan.after === null ? START : decodeEsdbPosition(plan.after);
      const read = this.client.readAll({ direction: FORWARDS, fromPosition });
      const result: RecordedEvent[] = [];
      for await (const event of recordedEvents(read)) {
        const mapped = this.ownEvent(event);
        if (mapped === null) continue;
        // The server reads from the position inclusive; the port's `after` is exclusive.
        if (plan.after !== null && compareEsdbPositions(mapped.position, plan.after) <= 0) continue;
        if (plan.categories !== null && !plan.categories.has(streamCategory(mapped.streamName))) continue;
        result.push(mapped);
        if (result.length >= plan.limit) break;
      }
      return result;
    });
  }

  async logId(): Promise<string> {
    this.assertOpen();
    return this.identity;
  }

  async lastPosition(): Promise<Position | null> {
    this.assertOpen();
    return this.guard(async () => {
      for await (const event of recordedEvents(this.client.readAll({ direction: BACKWARDS, fromPosition: END }))) {
        const mapped = this.ownEvent(event);
        if (mapped !== null) return mapped.position;
      }
      return null;
    });
  }

  comparePositions(a: Position, b: Position): number {
    return compareEsdbPositions(a, b);
  }

  isPosition(token: string): token is Position {
    return isEsdbPosition(token);
  }

  /** Idempotent. Afterwards every read and append rejects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  private async adoptLogId(logId: string): Promise<void> {
    this.assertOpen();
    if (typeof logId !== 'string' || logId.trim() === '') throw new TypeError('logId must be a non-empty string');
    if ((await this.lastPosition()) !== null) throw new Error('A log id can be adopted only while the store holds no event');
    await this.guard(() => adoptLogId(this.client, logIdentityStream(this.streamPrefix), logId));
    this.identity = logId;
  }

  private async importRecorded(events: readonly RecordedEvent[]): Promise<void> {
    this.assertOpen();
    if (!Array.isArray(events) || events.length === 0) return;
    await this.guard(() => importPage(this.client, this.streamPrefix, events));
  }

  /** Reads the stream for an append: its head, and where the append's ids already are. */
  private scan(part: PreparedAppend): Promise<StreamScan> {
    const ids = part.events.map((event) => event.id);
    return scanStream(this.client, toServerStream(this.streamPrefix, part.streamName), part.streamName, ids);
  }

  /**
   * Writes one part with the exact revision its scan found. If another writer got in first, the server refuses and
   * the part is scanned and ruled on again: the other write may have been this very batch (a retry racing its
   * original), a conflict, or, for 'any', merely a reason to chain after the new head. (Two identical requests
   * racing from the same head: the server answers the second from its own idempotency check, as a success at the
   * same revision and position, nothing written twice; only its `recordedAt` is the second request's instant.)
   */
  private async appendPart(part: PreparedAppend, firstScan: StreamScan, now: Date): Promise<AppendResult> {
    const serverStream = toServerStream(this.streamPrefix, part.streamName);
    let scan = firstScan;
    for (let race = 0; ; race++) {
      const plan = planAppend(part, scan, now);
      if ('retry' in plan) return plan.retry;
      try {
        const result = await this.client.appendToStream(serverStream, plan.events, {
          expectedRevision: exactEsdbRevision(plan.head?.revision ?? null),
        });
        if (result.success) {
          return {
            nextExpectedRevision: result.nextExpectedRevision,
            position: await this.positionOf(result.position, serverStream, result.nextExpectedRevision),
            recordedAt: plan.recordedAt,
          };
        }
        // A client configured not to throw on a failed append (throwOnAppendFailure=false) reports it this way.
        if (race >= MAX_WRITE_RACES) {
          const actual = fromEsdbCurrentRevision(result.nextExpectedRevision);
          throw new WrongExpectedVersionError(part.streamName, part.expectedRevision, actual);
        }
      } catch (error) {
        if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
        if (race >= MAX_WRITE_RACES) throw toPortWrongExpectedVersion(error, part.streamName, part.expectedRevision);
      }
      scan = await this.scan(part);
    }
  }

  /** The position of an append's last event: from the append's answer, or read back from an older server. */
  private async positionOf(
    position: { commit: bigint; prepare: bigint } | undefined,
    serverStream: string,
    revision: bigint,
  ): Promise<Position> {
    if (position !== undefined) return encodeEsdbPosition(position);
    const read = this.client.readStream(serverStream, { fromRevision: revision, maxCount: 1 });
    for await (const event of recordedEvents(read)) {
      if (event.position !== undefined) return encodeEsdbPosition(event.position);
    }
    throw new Error(`The server reported no position for ${serverStream}@${revision}`);
  }

  /** An event of `$all` in the port's terms, or `null` when it is not one of this log's. */
  private ownEvent(event: Parameters<typeof fromEsdbEvent>[0]): RecordedEvent | null {
    const streamName = fromServerStream(this.streamPrefix, event.streamId);
    return streamName === null ? null : (fromEsdbEvent(event, streamName)?.event ?? null);
  }

  /** Runs a server call, reporting unavailability as StoreUnavailableError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toPortFailure(error, this.store);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EsdbEventStore is closed');
  }
}

/** Rejects with StoreUnavailableError if `work` has not settled within `ms`: the client may wait for a channel. */
async function withDeadline<T>(work: Promise<T>, ms: number, store: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(store, `no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
