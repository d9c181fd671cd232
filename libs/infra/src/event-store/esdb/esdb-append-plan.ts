import { jsonEvent, type EventData } from '@eventstore/db-client';
import {
  assertExpectedRevision,
  firstRevisionAfter,
  nextRecordedAt,
  resolveIdempotentRetry,
  type StoredEventRef,
} from '../event-store.append-rules';
import type { PreparedAppend, PreparedEvent } from '../event-store.append-request';
import { eventHash, GENESIS_HASH } from '../event-hash';
import type { AppendResult, EventMetadata } from '../event-store.port';
import { wrapMetadata } from './esdb-envelope';
import { isServerEventId, toEsdbEventId } from './esdb-event-id';

/** The last event of a stream, as far as an append needs it: where the chain and the clock continue from. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
  readonly recordedAt: string;
}

/** What a read of the stream found before an append: its head, and the stored event (if any) of each new id. */
export interface StreamScan {
  readonly head: StreamHead | null;
  readonly stored: readonly (StoredEventRef | undefined)[];
}

/** The outcome of planning one append: the original result of a retry, or the events to write after `head`. */
export type AppendPlan =
  | { readonly retry: AppendResult }
  | { readonly head: StreamHead | null; readonly recordedAt: string; readonly events: EventData[] };

/**
 * Rules on an append from what the stream holds, with the same rules as every other adapter: the same ids in the
 * same place → the original result (nothing to write); ids reused otherwise → DuplicateEventIdError; the stream not
 * as expected → WrongExpectedVersionError with the actual revision; else the events to write, chained to the head
 * and stamped `recordedAt` (never earlier than the head's, so "the stream as recorded at T" stays a prefix).
 */
export function planAppend(append: PreparedAppend, scan: StreamScan, now: Date): AppendPlan {
  const ids = append.events.map((event) => event.id);
  const retry = resolveIdempotentRetry(append.streamName, ids, scan.stored, append.expectedRevision);
  if (retry !== null) return { retry };
  const { head } = scan;
  assertExpectedRevision(append.streamName, append.expectedRevision, head?.revision ?? null);

  const recordedAt = nextRecordedAt(now, head?.recordedAt ?? null);
  const firstRevision = firstRevisionAfter(head?.revision ?? null);
  let previousHash = head?.hash ?? GENESIS_HASH;
  const events = append.events.map((event, index) => {
    const revision = firstRevision + BigInt(index);
    const hash = eventHash(previousHash, { ...event, streamName: append.streamName, revision, recordedAt });
    previousHash = hash;
    return toServerEvent(event, { recordedAt, hash, batchIndex: index, batchSize: append.events.length });
  });
  return { head, recordedAt, events };
}

/** Where an event sits in the log, as its envelope records it. */
export interface EventPlace {
  readonly recordedAt: string;
  readonly hash: string;
  readonly batchIndex: number;
  readonly batchSize: number;
}

/** One prepared event as the server stores it: the server id, the prepared JSON data and the envelope. */
export function toServerEvent(event: PreparedEvent, place: EventPlace): EventData {
  const metadata = wrapMetadata({
    v: 1,
    ...place,
    ...(isServerEventId(event.id) ? {} : { id: event.id }),
    metadata: JSON.parse(event.metadataJson) as EventMetadata,
  });
  return jsonEvent({
    id: toEsdbEventId(event.id),
    type: event.type,
    // The prepared JSON, not the caller's object: what is stored is exactly the text the hash covers.
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
    metadata,
  });
}
