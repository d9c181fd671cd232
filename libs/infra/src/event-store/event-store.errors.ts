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
