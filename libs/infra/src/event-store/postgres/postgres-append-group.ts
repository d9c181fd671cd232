import {
  assertExpectedRevision,
  firstRevisionAfter,
  nextRecordedAt,
  resolveIdempotentRetry,
  type StoredEventRef,
} from '../event-store.append-rules';
import type { PreparedAppend } from '../event-store.append-request';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../event-store.errors';
import type { AppendResult } from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../event-hash';
import { toPosition } from '../decimal-position';
import type { GroupOutcome } from '../group-commit-queue';
import type { EventInsert, LockedHead, StreamHead } from './postgres-event-store.statements';

/** One queued request: one append, or the parts of one multi-stream append (all or nothing). */
export type AppendRequest = readonly PreparedAppend[];

/** What the group's transaction looked up, under the head lock, before ruling on its requests. */
export interface GroupFacts {
  readonly head: LockedHead;
  /** Stored events among the group's ids. */
  readonly stored: ReadonlyMap<string, StoredEventRef>;
  /** Heads of the existing streams among the group's streams. */
  readonly heads: ReadonlyMap<string, StreamHead>;
}

/** What the group's transaction writes, and what each request is answered once it committed. */
export interface GroupPlan {
  readonly outcomes: GroupOutcome<AppendResult[]>[];
  readonly rows: readonly EventInsert[];
  readonly lastPosition: bigint;
  readonly recordedAt: string;
}

/** A part ruled on: the original result of an idempotent retry, or its rows (positions not yet assigned). */
type PartPlan = { readonly retry: AppendResult } | { readonly rows: readonly Omit<EventInsert, 'position'>[] };

/** The ids and the streams a group touches: what its transaction must look up in one round trip each. */
export function groupKeys(requests: readonly AppendRequest[]): { ids: string[]; streams: string[] } {
  const ids = new Set<string>();
  const streams = new Set<string>();
  for (const part of requests.flat()) {
    streams.add(part.streamName);
    for (const event of part.events) ids.add(event.id);
  }
  return { ids: [...ids], streams: [...streams] };
}

/**
 * Rules on every request of a group, in arrival order, with the shared append rules, and computes the rows with
 * their positions and hash chains. Later requests see the rows of earlier ones (an identical retry in the same group
 * is answered idempotently, a second append to a stream continues it). A request the rules refuse
 * (WrongExpectedVersion, DuplicateEventId) gets its error as its outcome and contributes nothing; the others are
 * unaffected. One commit, one instant: every append of the group is recorded at the same `recordedAt`.
 */
export function planGroup(requests: readonly AppendRequest[], facts: GroupFacts, now: Date): GroupPlan {
  const stored = new Map(facts.stored);
  const heads = new Map(facts.heads);
  const recordedAt = nextRecordedAt(now, facts.head.lastRecordedAt);
  const rows: EventInsert[] = [];
  let lastPosition = facts.head.lastPosition;

  const outcomes = requests.map((parts): GroupOutcome<AppendResult[]> => {
    let plans: PartPlan[];
    try {
      // Every part is ruled on before any is applied: parts name distinct streams and ids (prepareAppends).
      plans = parts.map((part) => planPart(part, stored, heads, recordedAt));
    } catch (error) {
      // A rule refused this request before it contributed anything: it fails alone.
      const refused = error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError;
      if (refused) return { ok: false, error };
      throw error;
    }
    const results = plans.map((plan): AppendResult => {
      if ('retry' in plan) return plan.retry;
      for (const row of plan.rows) {
        lastPosition += 1n;
        const written: EventInsert = { ...row, position: lastPosition };
        rows.push(written);
        stored.set(row.eventId, {
          streamName: row.streamName,
          revision: row.revision,
          position: toPosition(lastPosition),
          batchIndex: row.batchIndex,
          batchSize: row.batchSize,
          recordedAt,
        });
        heads.set(row.streamName, { revision: row.revision, hash: row.hash });
      }
      const last = plan.rows[plan.rows.length - 1];
      return { nextExpectedRevision: last.revision, position: toPosition(lastPosition), recordedAt };
    });
    return { ok: true, value: results };
  });
  return { outcomes, rows, lastPosition, recordedAt };
}

/**
 * Rules on one part (idempotent retry, expected revision) and computes its rows with their hash chain.
 *
 * @throws DuplicateEventIdError, WrongExpectedVersionError.
 */
function planPart(
  append: PreparedAppend,
  stored: ReadonlyMap<string, StoredEventRef>,
  heads: ReadonlyMap<string, StreamHead>,
  recordedAt: string,
): PartPlan {
  const { streamName, events, expectedRevision } = append;
  const ids = events.map((event) => event.id);
  const retry = resolveIdempotentRetry(streamName, ids, ids.map((id) => stored.get(id)), expectedRevision);
  if (retry !== null) return { retry };

  const head = heads.get(streamName);
  const actual = head?.revision ?? null;
  assertExpectedRevision(streamName, expectedRevision, actual);

  const firstRevision = firstRevisionAfter(actual);
  let previousHash = head?.hash ?? GENESIS_HASH;
  const rows = events.map((event, index) => {
    const revision = firstRevision + BigInt(index);
    previousHash = eventHash(previousHash, { ...event, streamName, revision, recordedAt });
    return {
      eventId: event.id,
      streamName,
      category: append.category,
      revision,
      batchIndex: index,
      batchSize: events.length,
      type: event.type,
      dataJson: event.dataJson,
      metadataJson: event.metadataJson,
      recordedAt,
      hash: previousHash,
    };
  });
  return { rows };
}
