import { WrongExpectedVersionError as EsdbWrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { eventHash, GENESIS_HASH } from '../event-hash';
import { prepareAppend, type PreparedEvent } from '../event-store.append-request';
import type { RecordedEvent } from '../event-store.port';
import { toServerEvent, type StreamHead } from './esdb-append-plan';
import { toPortWrongExpectedVersion } from './esdb-errors';
import { exactEsdbRevision } from './esdb-revision';
import { toServerStream } from './esdb-stream-names';
import { scanStream } from './esdb-stream-scan';

/** A run of consecutive events of one stream in an import page: written by one append. */
export interface ImportRun {
  readonly streamName: string;
  /** The stream's head before the run (`null`: the run starts the stream). */
  readonly head: StreamHead | null;
  readonly events: readonly ReturnType<typeof toServerEvent>[];
}

/**
 * Checks a page of recorded events against the heads of their streams and cuts it into runs, writing nothing:
 * each event must be the next revision of its stream and its hash must chain to the previous event of its stream
 * (the copy keeps every byte of the history, so a mismatch means the source is damaged or out of order).
 *
 * @param heads the current head of every stream of the page (missing or `null`: the stream does not exist yet).
 * @throws RangeError naming the first event out of place, Error for one whose hash does not chain.
 */
export function planImport(
  events: readonly RecordedEvent[],
  heads: ReadonlyMap<string, StreamHead | null>,
): ImportRun[] {
  const current = new Map(heads);
  type Checked = { prepared: PreparedEvent; recorded: RecordedEvent };
  const runs: { streamName: string; head: StreamHead | null; events: Checked[] }[] = [];
  for (const recorded of events) {
    const [prepared] = prepareAppend(recorded.streamName, [recorded], 'any').events;
    const head = current.get(recorded.streamName) ?? null;
    const revision = head === null ? 0n : head.revision + 1n;
    if (recorded.revision !== revision) {
      throw new RangeError(`Event ${recorded.id} is ${recorded.streamName}@${recorded.revision}, expected @${revision}`);
    }
    const { streamName, recordedAt } = recorded;
    const hash = eventHash(head?.hash ?? GENESIS_HASH, { ...prepared, streamName, revision, recordedAt });
    if (hash !== recorded.hash) throw new Error(`Event ${recorded.id} (${streamName}@${revision}) does not chain to its stream`);
    const last = runs.at(-1);
    if (last?.streamName === recorded.streamName) last.events.push({ prepared, recorded });
    else runs.push({ streamName: recorded.streamName, head, events: [{ prepared, recorded }] });
    current.set(recorded.streamName, { revision, hash, recordedAt: recorded.recordedAt });
  }
  return runs.map((run) => ({
    streamName: run.streamName,
    head: run.head,
    events: run.events.map(({ prepared, recorded }, batchIndex) => {
      const { recordedAt, hash } = recorded;
      return toServerEvent(prepared, { recordedAt, hash, batchIndex, batchSize: run.events.length });
    }),
  }));
}

/**
 * Imports one page: reads the head of each of its streams, checks the whole page ({@link planImport}), then writes it
 * run by run, in order, each at the exact revision checked (another writer in between is a WrongExpectedVersionError).
 */
export async function importPage(
  client: Pick<EventStoreDBClient, 'readStream' | 'appendToStream'>,
  streamPrefix: string,
  events: readonly RecordedEvent[],
): Promise<void> {
  const heads = new Map<string, StreamHead | null>();
  for (const streamName of new Set(events.map((event) => event.streamName))) {
    const scan = await scanStream(client, toServerStream(streamPrefix, streamName), streamName, []);
    heads.set(streamName, scan.head);
  }
  for (const run of planImport(events, heads)) {
    const expected = run.head?.revision ?? null;
    try {
      await client.appendToStream(toServerStream(streamPrefix, run.streamName), [...run.events], {
        expectedRevision: exactEsdbRevision(expected),
      });
    } catch (error) {
      if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
      throw toPortWrongExpectedVersion(error, run.streamName, expected ?? 'no-stream');
    }
  }
}
