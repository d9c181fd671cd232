import { randomUUID } from 'node:crypto';
import {
  jsonEvent,
  NO_STREAM,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { recordedEvents } from './esdb-reads';

/** The event that names a log, first and only event of its identity stream (esdb-stream-names.ts). */
export const LOG_CREATED = 'LogCreated';

type IdentityClient = Pick<EventStoreDBClient, 'readStream' | 'appendToStream'>;

/**
 * The log's id: read from the identity stream, or written there once (NO_STREAM, so two processes creating the log at
 * once agree on the first one written). `deadline` (ms) bounds each server call, so an unreachable server fails fast.
 */
export async function readOrCreateLogId(client: IdentityClient, stream: string, deadline: number): Promise<string> {
  const existing = await readLogId(client, stream, deadline);
  if (existing !== null) return existing;
  const logId = randomUUID().replace(/-/g, '');
  try {
    await client.appendToStream(stream, jsonEvent({ type: LOG_CREATED, data: { logId } }), {
      expectedRevision: NO_STREAM,
      deadline,
    });
    return logId;
  } catch (error) {
    if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
    const winner = await readLogId(client, stream, deadline);
    if (winner === null) throw new Error(`${stream} exists but holds no ${LOG_CREATED} event`);
    return winner;
  }
}

async function readLogId(client: IdentityClient, stream: string, deadline: number): Promise<string | null> {
  for await (const event of recordedEvents(client.readStream(stream, { maxCount: 1, deadline }))) {
    const data = event.data as { logId?: unknown };
    if (event.type !== LOG_CREATED || typeof data?.logId !== 'string') {
      throw new Error(`${stream} does not start with a ${LOG_CREATED} event`);
    }
    return data.logId;
  }
  return null;
}
