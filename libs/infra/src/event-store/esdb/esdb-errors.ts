import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { StoreUnavailableError, WrongExpectedVersionError } from '../event-store.errors';
import type { ExpectedRevision } from '../event-store.port';
import { fromEsdbCurrentRevision } from './esdb-revision';

/**
 * The store's name for operators: the connection string's scheme and hosts, without credentials or options
 * (`esdb://admin:changeit@db:2113?tls=false` → `esdb://db:2113`).
 */
export function describeEsdbStore(connectionString: string): string {
  const match = /^([a-z+]+:\/\/)(?:[^@/?]*@)?([^/?#]*)/i.exec(connectionString.trim());
  return match === null ? 'EventStoreDB' : `${match[1]}${match[2]}`;
}

/**
 * Whether a client error means the server could not be reached or answered no more: refused or lost connection,
 * a deadline passed, a cancelled call (the server shutting down), a leader change, or discovery failing.
 */
export function isEsdbUnavailable(error: unknown): boolean {
  return (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    (error instanceof Error && /^Failed to discover/.test(error.message))
  );
}

/** Maps a client failure into the port's terms: unavailability → StoreUnavailableError; anything else unchanged. */
export function toPortFailure(error: unknown, store: string): unknown {
  if (!isEsdbUnavailable(error)) return error;
  return new StoreUnavailableError(store, withoutCredentials((error as Error).message));
}

/**
 * The server's WrongExpectedVersion in the port's terms: the port stream name and expectation (the adapter writes
 * with an exact revision of its own, the caller's expectation is what the error must report) and the actual revision
 * (`null` when the stream does not exist).
 */
export function toPortWrongExpectedVersion(
  error: EsdbWrongExpectedVersionError,
  streamName: string,
  expected: ExpectedRevision,
): WrongExpectedVersionError {
  return new WrongExpectedVersionError(streamName, expected, fromEsdbCurrentRevision(error.actualVersion));
}

/** Client messages quote addresses, never the connection string; strip any `user:password@` all the same. */
function withoutCredentials(message: string): string {
  return message.replace(/\/\/[^@\s/]*@/g, '//');
}
