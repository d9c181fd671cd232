import type { EventMetadata } from '../event-store.port';
import { isEventHash } from '../event-hash';

/**
 * The metadata an event carries on EventStoreDB. The server stamps its own `created`, and knows nothing of the
 * port's `recordedAt`, hash chain or batches, so the adapter keeps them in the event's JSON metadata:
 *
 * ```json
 * { "$correlationId": "…", "$causationId": "…",
 *   "lcm": { "v": 1, "recordedAt": "2024-03-01T09:00:00.000Z", "hash": "<64 hex>", "batchIndex": 0, "batchSize": 2,
 *            "id": "<the port id, only when it is not a UUID>", "metadata": { "actor": "…", … } } }
 * ```
 *
 * - `lcm.metadata`: the port's EventMetadata, exactly as appended (its JSON text is what the hash covers).
 * - `lcm.recordedAt`: the adapter's clock at append (`options.now`), ISO 8601 UTC; `lcm.hash`: the event's link in its
 *   stream's hash chain (event-hash.ts); `lcm.batchIndex`/`lcm.batchSize`: its place in the append that wrote it,
 *   which the idempotency rules need; `lcm.id`: the original id when the server id is derived from it (esdb-event-id.ts).
 * - `$correlationId`/`$causationId`: EventStoreDB's own convention, so its system projections can follow them.
 */

/** The key of the adapter's envelope in the event metadata. */
export const ENVELOPE_KEY = 'lcm';
export const ENVELOPE_VERSION = 1;

export interface EventEnvelope {
  readonly v: typeof ENVELOPE_VERSION;
  readonly recordedAt: string;
  readonly hash: string;
  readonly batchIndex: number;
  readonly batchSize: number;
  /** Present only when the port id is not usable as the server's event id. */
  readonly id?: string;
  readonly metadata: EventMetadata;
}

/** The JSON metadata written to the server for one event. */
export type EsdbEventMetadata = {
  readonly $correlationId?: string;
  readonly $causationId?: string;
  readonly [ENVELOPE_KEY]: EventEnvelope;
};

/** Wraps an event's port metadata and the adapter's fields into the server metadata. */
export function wrapMetadata(envelope: EventEnvelope): EsdbEventMetadata {
  const { correlationId, causationId } = envelope.metadata;
  return {
    ...(correlationId === '' ? {} : { $correlationId: correlationId }),
    ...(causationId === null ? {} : { $causationId: causationId }),
    [ENVELOPE_KEY]: envelope,
  };
}

/**
 * The adapter's envelope in an event's server metadata; `null` when the event carries none (it was not written by
 * this adapter). Throws when an envelope is there but malformed: the log has been tampered with or damaged.
 */
export function unwrapMetadata(metadata: unknown, where: string): EventEnvelope | null {
  if (!isObject(metadata) || !(ENVELOPE_KEY in metadata)) return null;
  const envelope = metadata[ENVELOPE_KEY];
  const sound =
    isObject(envelope) &&
    envelope.v === ENVELOPE_VERSION &&
    typeof envelope.recordedAt === 'string' &&
    isEventHash(envelope.hash) &&
    Number.isSafeInteger(envelope.batchIndex) &&
    Number.isSafeInteger(envelope.batchSize) &&
    (envelope.id === undefined || typeof envelope.id === 'string') &&
    isObject(envelope.metadata);
  if (!sound) throw new Error(`${where}: malformed '${ENVELOPE_KEY}' metadata envelope`);
  return envelope as unknown as EventEnvelope;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
