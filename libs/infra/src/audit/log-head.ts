import {
  AUDIT_SEAL_STREAM,
  GENESIS_LOG_HASH,
  nextLogHash,
  sealDataOf,
  type AuditSealData,
} from '../event-store/audit-seal';
import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.port';

const PAGE = 1000;

/** The log's head as the last seal and the events after its cut give it. */
export interface LogHead {
  /** The last event's position and the running log hash after it (null position: empty log). */
  readonly position: string | null;
  readonly hash: string;
  readonly eventCount: number;
  /** The last seal (its position, revision and payload), or null before the first one. */
  readonly lastSeal: { readonly position: string; readonly revision: bigint; readonly data: AuditSealData } | null;
  /** The last event after the cut that is not a seal, or null when everything but seals is sealed. */
  readonly lastUnsealed: RecordedEvent | null;
  /** The last event read (the head itself), for a new seal's cut. */
  readonly last: RecordedEvent | null;
}

/**
 * Computes the head from the last seal forwards: O(events since the last seal). It trusts that seal's figures;
 * verification (verify-log.ts) is what checks every one of them from the start.
 */
export async function readLogHead(store: EventStore, options: { readonly yieldEvery?: () => Promise<void> } = {}): Promise<LogHead> {
  const [sealEvent] = await store.readStream(AUDIT_SEAL_STREAM, { direction: 'backwards', maxCount: 1 });
  const seal = sealEvent === undefined ? null : sealDataOf(sealEvent);
  let hash = seal?.logHash ?? GENESIS_LOG_HASH;
  let eventCount = seal?.eventCount ?? 0;
  let after: Position | undefined = seal === null ? undefined : (seal.sealedUpTo as Position);
  let last: RecordedEvent | null = null;
  let lastUnsealed: RecordedEvent | null = null;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), limit: PAGE });
    for (const event of page) {
      hash = nextLogHash(hash, event.hash);
      eventCount += 1;
      last = event;
      if (event.streamName !== AUDIT_SEAL_STREAM) lastUnsealed = event;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].position;
    await options.yieldEvery?.();
  }
  return {
    position: last?.position ?? seal?.sealedUpTo ?? null,
    hash,
    eventCount,
    lastSeal: seal === null || sealEvent === undefined ? null : { position: sealEvent.position, revision: sealEvent.revision, data: seal },
    lastUnsealed,
    last,
  };
}
