import {
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type RecordedEvent as EsdbRecordedEvent,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';

/**
 * The recorded events of a client read, as an async iterable the caller may leave early: a missing stream reads as
 * empty (the client reports it as StreamNotFoundError), and leaving early cancels the server call rather than
 * letting it stream into a buffer nobody reads.
 */
export async function* recordedEvents(
  read: StreamingRead<ResolvedEvent> | StreamingRead<AllStreamResolvedEvent>,
): AsyncGenerator<EsdbRecordedEvent> {
  let finished = false;
  try {
    for await (const resolved of read as AsyncIterable<ResolvedEvent | AllStreamResolvedEvent>) {
      // Without link resolution every entry carries its event; a bare link would be a server bug, not an event.
      if (resolved.event !== undefined) yield resolved.event;
    }
    finished = true;
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
    finished = true;
  } finally {
    if (!finished) void read.cancel().catch(() => undefined);
  }
}
