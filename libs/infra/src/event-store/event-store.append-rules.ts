import { DuplicateEventIdError, WrongExpectedVersionError } from './event-store.errors';
import type { AppendResult, ExpectedRevision, Position } from './event-store.port';

/**
 * The decisions an append makes inside its transaction, shared by every adapter so they cannot drift apart.
 * Adapters look the facts up (stored events by id, the stream's revision) and these functions rule on them.
 */

/** What an adapter knows about an already-stored event whose id appears in a new append. */
export interface StoredEventRef {
  readonly streamName: string;
  readonly revision: bigint;
  readonly position: Position;
  /** 0-based index of the event within the append that wrote it. */
  readonly batchIndex: number;
  /** Number of events in the append that wrote it. */
  readonly batchSize: number;
  readonly recordedAt: string;
}

/**
 * Rules on an append whose ids may already be stored.
 *
 * - None of the ids is stored: returns `null`; the append proceeds to the expected-revision check.
 * - The ids are exactly one earlier append (same stream, same ids in the same order, the whole batch and nothing
 *   more) and `expected` is a revision that append could have been made with: returns that append's original
 *   result, and nothing is written. "Could have been made with": `'any'` always; `'no-stream'` if the batch starts
 *   the stream; `'stream-exists'` if it does not; an exact revision `r` if the batch starts at `r + 1`. So a client
 *   that retries the very request it sent gets its answer back even though the stream has since moved on.
 * - Anything else (some ids stored and some not, another stream, another order, part of a batch, a batch plus more,
 *   an expected revision that would put the events elsewhere): the ids are being reused for different events, so
 *   it throws {@link DuplicateEventIdError} naming the first offending id.
 *
 * @param stored for each id of the new append, in order, the stored event with that id, or `undefined`.
 */
export function resolveIdempotentRetry(
  streamName: string,
  ids: readonly string[],
  stored: readonly (StoredEventRef | undefined)[],
  expected: ExpectedRevision,
): AppendResult | null {
  const firstKnown = stored.findIndex((ref) => ref !== undefined);
  if (firstKnown === -1) return null;

  const first = stored[0];
  if (first === undefined) throw new DuplicateEventIdError(ids[firstKnown]);
  stored.forEach((ref, index) => {
    const samePlace =
      ref !== undefined &&
      ref.streamName === streamName &&
      ref.batchSize === ids.length &&
      ref.batchIndex === index &&
      ref.revision === first.revision + BigInt(index);
    if (!samePlace) throw new DuplicateEventIdError(ids[index]);
  });
  if (!couldHaveWrittenAt(expected, first.revision)) throw new DuplicateEventIdError(ids[0]);

  const last = stored[stored.length - 1] as StoredEventRef;
  return { nextExpectedRevision: last.revision, position: last.position, recordedAt: last.recordedAt };
}

/**
 * Checks a stream's current revision (`null`: the stream does not exist) against what the append expects.
 *
 * @throws WrongExpectedVersionError carrying the stream name, the expectation and the actual revision.
 */
export function assertExpectedRevision(streamName: string, expected: ExpectedRevision, actual: bigint | null): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no-stream' && actual === null) ||
    (expected === 'stream-exists' && actual !== null) ||
    (typeof expected === 'bigint' && actual === expected);
  if (!satisfied) throw new WrongExpectedVersionError(streamName, expected, actual);
}

/** The revision of the first event an append writes to a stream currently at `actual`. */
export function firstRevisionAfter(actual: bigint | null): bigint {
  return actual === null ? 0n : actual + 1n;
}

/**
 * The `recordedAt` of a new append: the clock, but never earlier than the last recorded event.
 * A clock stepped backwards (NTP, VM resume) must not make "the stream as recorded at T" skip an event in the
 * middle of a stream, so recorded times are kept non-decreasing in log order.
 */
export function nextRecordedAt(now: Date, lastRecordedAt: string | null): string {
  const candidate = now.toISOString();
  return lastRecordedAt !== null && lastRecordedAt > candidate ? lastRecordedAt : candidate;
}

function couldHaveWrittenAt(expected: ExpectedRevision, firstRevision: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return firstRevision === 0n;
  if (expected === 'stream-exists') return firstRevision > 0n;
  return firstRevision === expected + 1n;
}
