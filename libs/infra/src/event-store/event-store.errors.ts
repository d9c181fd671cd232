import type { ExpectedRevision } from './event-store.port';

/** The stream was not at the revision the append expected. `actualRevision` is `null` when the stream does not exist. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'WRONG_EXPECTED_VERSION';

  constructor(
    readonly streamName: string,
    readonly expectedRevision: ExpectedRevision,
    readonly actualRevision: bigint | null,
  ) {
    super(
      `Stream ${streamName}: expected ${String(expectedRevision)}, actual ${
        actualRevision === null ? 'no-stream' : actualRevision.toString()
      }`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id was reused for a different event (another stream, another position or another batch). */
export class DuplicateEventIdError extends Error {
  readonly code = 'DUPLICATE_EVENT_ID';

  constructor(readonly eventId: string) {
    super(`Event id ${eventId} was already used for a different event`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * The store could not be reached (connection refused or lost, server shutting down, timeout). Nothing is known to
 * have been written: the API answers 503 with Retry-After, and the adapter reconnects by itself when the store is
 * back. `store` names the store for the operator, without credentials.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(
    readonly store: string,
    readonly reason: string,
  ) {
    super(`The event store ${store} is unavailable: ${reason}`);
    this.name = 'StoreUnavailableError';
  }
}
