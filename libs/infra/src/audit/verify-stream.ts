import { eventHash, GENESIS_HASH } from '../event-store/event-hash';
import type { RecordedEvent } from '../event-store/event-store.port';
import type { IntegrityProblem } from './integrity-report';

/**
 * Checks one stream's chain on its own (a dossier's integrity line): revisions 0, 1, 2… each hashing to its stored
 * hash from its predecessor's. The whole-log checks (seals, anchors) are verify-log.ts's.
 */
export function verifyStreamChain(events: readonly RecordedEvent[]): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  let previous = GENESIS_HASH;
  events.forEach((event, index) => {
    const place = { position: event.position, stream: event.streamName, revision: Number(event.revision) };
    if (event.revision !== BigInt(index)) {
      problems.push({ ...place, kind: 'deleted', detail: `revision ${index} of the stream is missing` });
    } else {
      const expected = eventHash(previous, { ...event, dataJson: JSON.stringify(event.data), metadataJson: JSON.stringify(event.metadata) });
      if (expected !== event.hash) problems.push({ ...place, kind: 'edited', detail: 'the content does not match its hash or its link to the previous event' });
    }
    previous = event.hash;
  });
  return problems;
}
