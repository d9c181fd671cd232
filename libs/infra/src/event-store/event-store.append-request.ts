import { DuplicateEventIdError } from './event-store.errors';
import { streamCategory } from './event-store.port';
import type { ExpectedRevision, NewEvent, StreamAppend } from './event-store.port';

/**
 * Validation and serialisation of an append, shared by every adapter.
 *
 * Everything that can fail because of the caller's input fails here, before an adapter opens a transaction or
 * touches its state, so a rejected append can never have written anything. Both adapters store the JSON text
 * produced here, so the in-memory store accepts and returns exactly what the SQLite store would (a `Date` comes
 * back as a string, `undefined` properties disappear, a `bigint` is rejected) and tests run against it cannot
 * pass on data the durable store would mangle.
 */

/** One event ready to be written: identity, type and the JSON text of its data and metadata. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** A validated append: what every adapter needs to run its transaction. */
export interface PreparedAppend {
  readonly streamName: string;
  readonly category: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly PreparedEvent[];
}

/**
 * Validates an append and serialises its events.
 *
 * @throws TypeError or RangeError for malformed input (empty batch, blank ids, negative revision, data that is not
 *   a JSON object, metadata of the wrong shape, a `bigint` anywhere in the data).
 * @throws DuplicateEventIdError when the batch itself repeats an id.
 */
export function prepareAppend(
  streamName: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
): PreparedAppend {
  requireNonBlank(streamName, 'streamName');
  assertExpectedRevision(expectedRevision);
  if (!Array.isArray(events) || events.length === 0) {
    // An empty append has no position to report and nothing to make idempotent; it is always a caller bug.
    throw new RangeError('An append needs at least one event');
  }
  const seen = new Set<string>();
  const prepared = events.map((event, index) => {
    const label = `events[${index}]`;
    requireNonBlank(event?.id, `${label}.id`);
    requireNonBlank(event.type, `${label}.type`);
    if (seen.has(event.id)) throw new DuplicateEventIdError(event.id);
    seen.add(event.id);
    assertMetadata(event.metadata, `${label}.metadata`);
    return {
      id: event.id,
      type: event.type,
      dataJson: toJsonObject(event.data, `${label}.data`),
      metadataJson: toJsonObject(event.metadata, `${label}.metadata`),
    };
  });
  return { streamName, category: streamCategory(streamName), expectedRevision, events: prepared };
}

/**
 * Validates a multi-stream append: every part as {@link prepareAppend}, at least one part, no stream twice and no
 * event id in two parts (either would make the result depend on the order the parts are written in).
 */
export function prepareAppends(appends: readonly StreamAppend[]): PreparedAppend[] {
  if (!Array.isArray(appends) || appends.length === 0) throw new RangeError('A multi-stream append needs at least one stream');
  const streams = new Set<string>();
  const ids = new Set<string>();
  return appends.map((append, index) => {
    const prepared = prepareAppend(append?.streamName, append?.events, append?.expectedRevision);
    if (streams.has(prepared.streamName)) throw new RangeError(`appends[${index}]: stream ${prepared.streamName} appears twice`);
    streams.add(prepared.streamName);
    for (const event of prepared.events) {
      if (ids.has(event.id)) throw new DuplicateEventIdError(event.id);
      ids.add(event.id);
    }
    return prepared;
  });
}

/** Normalises an ISO 8601 instant (any offset) to the UTC `toISOString()` form the stores compare against. */
export function normaliseInstant(instant: string, name: string): string {
  const millis = typeof instant === 'string' ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(millis)) throw new RangeError(`${name} is not an ISO 8601 instant: ${String(instant)}`);
  return new Date(millis).toISOString();
}

/** Requires a non-negative bigint (revisions and revision bounds). */
export function assertRevisionBound(value: unknown, name: string): asserts value is bigint {
  if (typeof value !== 'bigint' || value < 0n) {
    throw new RangeError(`${name} must be a non-negative bigint, got ${String(value)}`);
  }
}

/** Requires a non-negative safe integer (counts and limits). */
export function assertCount(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'no-stream' || expected === 'stream-exists' || expected === 'any') return;
  // Guards JavaScript callers and casts: ESDB's `-1` convention or a plain number must not slip through.
  assertRevisionBound(expected, 'expectedRevision');
}

function assertMetadata(metadata: NewEvent['metadata'], name: string): void {
  if (typeof metadata !== 'object' || metadata === null) throw new TypeError(`${name} must be an object`);
  requireNonBlank(metadata.actor, `${name}.actor`);
  if (typeof metadata.correlationId !== 'string') throw new TypeError(`${name}.correlationId must be a string`);
  if (metadata.causationId !== null && typeof metadata.causationId !== 'string') {
    throw new TypeError(`${name}.causationId must be a string or null`);
  }
  if (!Number.isSafeInteger(metadata.schemaVersion) || metadata.schemaVersion < 1) {
    throw new RangeError(`${name}.schemaVersion must be a positive integer`);
  }
}

function toJsonObject(value: unknown, name: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be a plain JSON object`);
  }
  try {
    return JSON.stringify(value);
  } catch (cause) {
    // JSON.stringify throws on bigint and on cycles; say which event and field was at fault.
    throw new TypeError(`${name} is not JSON-serialisable: ${(cause as Error).message}`);
  }
}

function requireNonBlank(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} must be a non-empty string`);
}
