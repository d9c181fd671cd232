import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InMemoryEventStore, SqliteEventStore, type EventStore, type NewEvent } from '@app/infra';
import { measure, report } from './measure';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);

function anEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'LicenceApplicationSubmitted',
    data: { applicationId: randomUUID(), valueUsd: 250000, parties: [{ role: 'end-user', name: 'MoD', country: 'KH' }] },
    metadata: { actor: 'bench', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

/** One-event appends to new streams (a submission), to one stream with an exact expected revision, and reads. */
async function run(store: EventStore, label: string) {
  const newStreams = await measure(`${label}: append 1 event to a new stream (no-stream)`, APPENDS, () =>
    store.appendToStream(`LicenceApplication-${randomUUID()}`, [anEvent()], { expectedRevision: 'no-stream' }),
  );
  const stream = `LicenceApplication-${randomUUID()}`;
  let revision: bigint | 'no-stream' = 'no-stream';
  const sameStream = await measure(`${label}: append 1 event, exact expected revision`, APPENDS, async () => {
    revision = (await store.appendToStream(stream, [anEvent()], { expectedRevision: revision })).nextExpectedRevision;
  });
  const readStream = await measure(`${label}: read a ${APPENDS + 20}-event stream`, 50, () => store.readStream(stream));
  const readAll = await measure(`${label}: read the global log, 500 events a page`, 50, () => store.readAll({ limit: 500 }));
  return { newStreams, sameStream, readStream, readAll };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lcm-bench-'));
  const memory = new InMemoryEventStore();
  const sqlite = SqliteEventStore.open(path.join(dir, 'events.sqlite'));
  try {
    const baseline = await run(memory, 'in-memory');
    const durable = await run(sqlite, 'SQLite WAL synchronous=FULL');
    report('Event store: SQLite against the in-memory adapter (same process, same run)', baseline.newStreams, [durable.newStreams]);
    report('', baseline.sameStream, [durable.sameStream]);
    report('', baseline.readStream, [durable.readStream]);
    report('', baseline.readAll, [durable.readAll]);
  } finally {
    await sqlite.close();
    await memory.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
