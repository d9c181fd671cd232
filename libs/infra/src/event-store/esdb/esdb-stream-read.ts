import { BACKWARDS, END, FORWARDS, type EventStoreDBClient } from '@eventstore/db-client';
import type { StreamReadPlan } from '../event-store.read-options';
import type { RecordedEvent } from '../event-store.port';
import { fromEsdbEvent } from './esdb-recorded-event';
import { recordedEvents } from './esdb-reads';

/** The highest revision a server stream can have (signed 64-bit). */
const MAX_REVISION = 0x7fff_ffff_ffff_ffffn;

/**
 * Reads one stream's revision window (port semantics, see planStreamRead): forwards from `minRevision`, backwards
 * from `maxRevision` (or the end). `recordedUntil` is checked on the envelope's `recordedAt`, which never decreases
 * along a stream, so a forwards read stops at the first later event. A missing stream reads as empty.
 */
export async function readStreamWindow(
  client: Pick<EventStoreDBClient, 'readStream'>,
  serverStream: string,
  streamName: string,
  plan: StreamReadPlan,
): Promise<RecordedEvent[]> {
  const empty =
    plan.maxCount === 0 ||
    plan.minRevision > MAX_REVISION ||
    (plan.maxRevision !== null && plan.maxRevision < plan.minRevision);
  if (empty) return [];
  // Revisions are 64-bit on the server: a bound beyond that is no bound.
  const highest = plan.maxRevision === null || plan.maxRevision > MAX_REVISION ? END : plan.maxRevision;
  const read = plan.backwards
    ? client.readStream(serverStream, { direction: BACKWARDS, fromRevision: highest })
    : client.readStream(serverStream, { direction: FORWARDS, fromRevision: plan.minRevision });
  const result: RecordedEvent[] = [];
  for await (const event of recordedEvents(read)) {
    if (event.revision < plan.minRevision) break;
    // Above the window (a server starting a backwards read past the end): skip; forwards it ends the window.
    if (plan.maxRevision !== null && event.revision > plan.maxRevision) {
      if (plan.backwards) continue;
      break;
    }
    const mapped = fromEsdbEvent(event, streamName);
    if (mapped === null) throw new Error(`Stream ${serverStream} holds an event this store did not write: ${event.id}`);
    if (plan.recordedUntil !== null && mapped.event.recordedAt > plan.recordedUntil) {
      if (plan.backwards) continue;
      break;
    }
    result.push(mapped.event);
    if (plan.maxCount !== null && result.length >= plan.maxCount) break;
  }
  return result;
}
