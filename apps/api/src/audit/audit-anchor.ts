import { InMemoryEventStore, parseAnchor, SqliteEventStore, type Anchor, type EventStore } from '@app/infra';
import { ProblemException } from '../shared/http/problem';

/** Both embedded adapters mint positions 1, 2, 3… without gaps, so a missing number is a deleted event. */
export function hasContiguousPositions(store: EventStore): boolean {
  return store instanceof SqliteEventStore || store instanceof InMemoryEventStore;
}

/** Parses `?anchor=<hash>@<position>`; 400 INVALID_ANCHOR when malformed. */
export function anchorParameter(store: EventStore, text: string | undefined): Anchor | undefined {
  if (text === undefined || text === '') return undefined;
  const anchor = parseAnchor(text);
  if (anchor === null || !store.isPosition(anchor.position)) {
    throw new ProblemException(400, 'INVALID_ANCHOR', 'Invalid anchor', 'An anchor is <64 hex digits>@<position>, as GET /audit/anchor gives it', [
      { field: 'anchor', message: 'must be <sha-256 hex>@<position>' },
    ]);
  }
  return anchor;
}
