import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEventRef } from '../event-store.append-rules';
import type { StreamHead, StreamScan } from './esdb-append-plan';
import { fromEsdbEvent } from './esdb-recorded-event';
import { recordedEvents } from './esdb-reads';

/**
 * Reads a stream backwards for an append: its head (where the hash chain continues) and the stored event of each of
 * the append's ids. EventStoreDB has no index by event id, so the read goes on until every id is found or the stream
 * ends: an append costs a read of its stream, which is cheap for the short per-aggregate streams of this application.
 */
export async function scanStream(
  client: Pick<EventStoreDBClient, 'readStream'>,
  serverStream: string,
  streamName: string,
  ids: readonly string[],
): Promise<StreamScan> {
  const found = new Map<string, StoredEventRef>();
  let head: StreamHead | null = null;
  for await (const event of recordedEvents(client.readStream(serverStream, { direction: BACKWARDS, fromRevision: END }))) {
    const mapped = fromEsdbEvent(event, streamName);
    if (mapped === null) throw new Error(`Stream ${serverStream} holds an event this store did not write: ${event.id}`);
    head ??= { revision: mapped.ref.revision, hash: mapped.event.hash, recordedAt: mapped.event.recordedAt };
    if (ids.includes(mapped.event.id)) found.set(mapped.event.id, mapped.ref);
    if (found.size === ids.length) break;
  }
  return { head, stored: ids.map((id) => found.get(id)) };
}

