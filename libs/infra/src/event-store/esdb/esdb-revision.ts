import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.port';

/**
 * The port's expected revision as the client spells it: 'no-stream' ↔ NO_STREAM, 'stream-exists' ↔ STREAM_EXISTS,
 * 'any' ↔ ANY, an exact revision ↔ the same bigint.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no-stream') return NO_STREAM;
  if (expected === 'stream-exists') return STREAM_EXISTS;
  if (expected === 'any') return ANY;
  return expected;
}

/** The client's expected revision in the port's terms (the inverse of {@link toEsdbExpectedRevision}). */
export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (expected === NO_STREAM) return 'no-stream';
  if (expected === STREAM_EXISTS) return 'stream-exists';
  if (expected === ANY) return 'any';
  return expected;
}

/** A stream's current revision as the client reports it: NO_STREAM (or -1 from a non-throwing append) is `null`. */
export function fromEsdbCurrentRevision(current: CurrentRevision): bigint | null {
  if (current === NO_STREAM || current < 0n) return null;
  return current;
}

/**
 * What the adapter asks the server to check on a write: the exact head it read (NO_STREAM when there was none), never
 * ANY or STREAM_EXISTS, because the events' hashes chain to that head and must not land anywhere else.
 */
export function exactEsdbRevision(head: bigint | null): AppendExpectedRevision {
  return head === null ? NO_STREAM : head;
}
