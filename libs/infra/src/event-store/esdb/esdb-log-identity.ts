import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  jsonEvent,
  NO_STREAM,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { recordedEvents } from './esdb-reads';

/**
 * The log's identity lives in a stream of its own (esdb-stream-names.ts): `LogCreated {logId}` written once, with
 * NO_STREAM, when a store first connects to an empty database; `LogIdAdopted {logId}` when a copy takes over its
 * source's id (the importer). The last of them is the log's id.
 */
export const LOG_CREATED = 'LogCreated';
export const LOG_ID_ADOPTED = 'LogIdAdopted';

type IdentityClient = Pick<EventStoreDBClient, 'readStream' | 'appendToStream'>;

/** The log's current identity and the identity stream's revision. */
interface Identity {
  readonly logId: string;
  readonly revision: bigint;
}

/**
 * The log's id: read from the identity stream, or written there once (NO_STREAM, so two processes creating the log at
 * once agree on the first one written). `deadline` (ms) bounds each server call, so an unreachable server fails fast.
 */
export async function readOrCreateLogId(client: IdentityClient, stream: string, deadline: number): Promise<string> {
  const existing = await readIdentity(client, stream, deadline);
  if (existing !== null) return existing.logId;
  const logId = randomUUID().replace(/-/g, '');
  try {
    await client.appendToStream(stream, jsonEvent({ type: LOG_CREATED, data: { logId } }), {
      expectedRevision: NO_STREAM,
      deadline,
    });
    return logId;
  } catch (error) {
    if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
    const winner = await readIdentity(client, stream, deadline);
    if (winner === null) throw new Error(`${stream} exists but holds no ${LOG_CREATED} event`);
    return winner.logId;
  }
}

/** Records that the log now carries `logId` (a copy taking over its source's identity). */
export async function adoptLogId(client: IdentityClient, stream: string, logId: string, deadline?: number): Promise<void> {
  const current = await readIdentity(client, stream, deadline);
  await client.appendToStream(stream, jsonEvent({ type: LOG_ID_ADOPTED, data: { logId } }), {
    expectedRevision: current === null ? NO_STREAM : current.revision,
    deadline,
  });
}

async function readIdentity(client: IdentityClient, stream: string, deadline?: number): Promise<Identity | null> {
  const read = client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1, deadline });
  for await (const event of recordedEvents(read)) {
    const data = event.data as { logId?: unknown };
    const known = event.type === LOG_CREATED || event.type === LOG_ID_ADOPTED;
    if (!known || typeof data?.logId !== 'string') throw new Error(`${stream} ends with an unknown event ${event.type}`);
    return { logId: data.logId, revision: event.revision };
  }
  return null;
}
