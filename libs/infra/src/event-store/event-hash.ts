import { createHash } from 'node:crypto';

/**
 * The per-event hash chain, shared by every adapter and by the verifier so they cannot disagree.
 *
 * Each event's hash covers its identity, content and place (id, type, stream, revision, recordedAt, the JSON text of
 * data and metadata) and the hash of the previous event of the same stream. A stream's first event chains to
 * {@link GENESIS_HASH}. The chain is per stream because the writer always knows its stream's previous event (it
 * appends with an expected revision), on SQLite as on EventStoreDB, whereas only the server knows global positions.
 * See docs/audit.md.
 */

/** Version tag inside the hashed text, so a later scheme can be told apart from this one. */
export const EVENT_HASH_SCHEME = 'lcm-event-v1';

/** What a stream's first event chains to: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of one event; `dataJson` and `metadataJson` are the JSON text the store keeps. */
export interface HashedEventFields {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: bigint;
  readonly recordedAt: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** SHA-256 (hex) of the event chained to `previousHash`. A JSON array of strings keeps field boundaries unambiguous. */
export function eventHash(previousHash: string, event: HashedEventFields): string {
  const text = JSON.stringify([
    EVENT_HASH_SCHEME,
    previousHash,
    event.id,
    event.type,
    event.streamName,
    event.revision.toString(),
    event.recordedAt,
    event.dataJson,
    event.metadataJson,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

/** Whether `value` looks like a hash this module produces (64 lower-case hex digits). */
export function isEventHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
