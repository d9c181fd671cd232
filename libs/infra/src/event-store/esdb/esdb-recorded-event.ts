import type { RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { StoredEventRef } from '../event-store.append-rules';
import type { RecordedEvent } from '../event-store.port';
import { unwrapMetadata } from './esdb-envelope';
import { encodeEsdbPosition } from './esdb-position';

/** A server event read back in the port's terms, with what the idempotency rules need to know about it. */
export interface EsdbStoredEvent {
  readonly event: RecordedEvent;
  readonly ref: StoredEventRef;
}

/**
 * Maps an event read from the server to the port's RecordedEvent: the id, `recordedAt`, hash and metadata come from
 * the adapter's envelope, the revision and position from the server. `streamName` is the port's name (without the
 * log's stream prefix). Returns `null` for an event this adapter did not write (no envelope).
 *
 * @throws Error when the event has an envelope but is not JSON, has no position or is malformed.
 */
export function fromEsdbEvent(event: EsdbRecordedEvent, streamName: string): EsdbStoredEvent | null {
  const where = `Event ${event.id} at ${event.streamId}@${event.revision}`;
  const envelope = unwrapMetadata(event.metadata, where);
  if (envelope === null) return null;
  if (!event.isJson || typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new Error(`${where}: data is not a JSON object`);
  }
  if (event.position === undefined) throw new Error(`${where}: the server reported no position`);
  const position = encodeEsdbPosition(event.position);
  const recorded: RecordedEvent = {
    id: envelope.id ?? event.id,
    type: event.type,
    streamName,
    revision: event.revision,
    position,
    recordedAt: envelope.recordedAt,
    hash: envelope.hash,
    data: event.data as Record<string, unknown>,
    metadata: envelope.metadata,
  };
  const ref: StoredEventRef = {
    streamName,
    revision: event.revision,
    position,
    batchIndex: envelope.batchIndex,
    batchSize: envelope.batchSize,
    recordedAt: envelope.recordedAt,
  };
  return { event: recorded, ref };
}
