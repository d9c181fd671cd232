import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import {
  applyMigrations,
  eventHash,
  GENESIS_HASH,
  SqliteEventStore,
  streamCategory,
  type ExpectedRevision,
  type NewEvent,
} from '@app/infra';
import { benchSize, record, runBench } from './measure';

/**
 * Durable appends through the event-store port against raw better-sqlite3 doing the same inserts.
 *
 * Both sides write the same rows into the same schema (the store's migrations, applied to a fresh file in a fresh
 * directory), with WAL and synchronous=FULL, and commit as many rows per transaction: the raw side uses the group
 * size the port was observed to reach. The raw rows include the SHA-256 hash chain and the JSON text, as any writer
 * of this table must produce them; what the raw side skips is what the port adds: validation, the idempotency lookup
 * by id, the stream-head read and expected-revision check, a savepoint per append, promises and the queue.
 *
 * The machine is shared and noisy, so the two sides run in short alternating slices and each figure is the median
 * of its slices' rates: a burst of load elsewhere then spoils a slice or two, not one side.
 */

const CLIENTS = 32;
const STREAMS_PER_MULTI_APPEND = 200;
/** Alternating slices per side and scenario. */
const SLICES = benchSize('BENCH_SLICES', 25, 2);
/** Appends per client in one slice of the concurrent scenario. */
const APPENDS_PER_CLIENT = benchSize('BENCH_APPENDS_PER_CLIENT', 16, 2);
/** Multi-stream appends (of 200 events each) in one slice. */
const MULTI_APPENDS = benchSize('BENCH_MULTI_APPENDS', 4, 1);
/** One-at-a-time appends, to show what group commit buys. */
const SERIAL_APPENDS = benchSize('BENCH_SERIAL_APPENDS', 300, 20);
const TARGET = 0.7;

function anEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'LicenceApplicationSubmitted',
    data: { applicationId: randomUUID(), valueUsd: 250000, parties: [{ role: 'end-user', name: 'MoD', country: 'KH' }] },
    metadata: { actor: 'bench', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

const streamNames = (count: number) => Array.from({ length: count }, () => `LicenceApplication-${randomUUID()}`);

/** Events written in a measured slice and the seconds it took. */
interface Slice {
  readonly events: number;
  readonly seconds: number;
}

const rate = (slice: Slice) => slice.events / slice.seconds;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** Fresh temp directories, one file each, removed afterwards. */
async function inFreshFiles<T>(count: number, work: (files: string[]) => Promise<T>): Promise<T> {
  const dirs = Array.from({ length: count }, () => mkdtempSync(path.join(tmpdir(), 'lcm-bench-store-')));
  try {
    return await work(dirs.map((dir) => path.join(dir, 'events.sqlite')));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Streams appended to with exact expected revisions, as a case's commands do. */
class Streams {
  readonly names: readonly string[];
  private readonly revisions = new Map<string, bigint>();

  constructor(count: number) {
    this.names = streamNames(count);
  }

  expected(name: string): ExpectedRevision {
    return this.revisions.get(name) ?? 'no-stream';
  }

  advanced(name: string, revision: bigint): void {
    this.revisions.set(name, revision);
  }
}

/** 32 clients, each appending one event at a time to its own stream: the group commit's work. */
async function concurrentClients(store: SqliteEventStore, streams: Streams, appendsPerClient: number) {
  const before = store.groupCommitStats();
  const seconds = await timed(() =>
    Promise.all(
      streams.names.map(async (name) => {
        for (let i = 0; i < appendsPerClient; i++) {
          const result = await store.appendToStream(name, [anEvent()], { expectedRevision: streams.expected(name) });
          streams.advanced(name, result.nextExpectedRevision);
        }
      }),
    ),
  );
  const after = store.groupCommitStats();
  const events = after.requestsCommitted - before.requestsCommitted;
  return { events, seconds, groupSize: events / (after.groupsCommitted - before.groupsCommitted) };
}

/** `count` multi-stream appends, each one event on every stream. */
async function multiStreamAppends(store: SqliteEventStore, streams: Streams, count: number): Promise<Slice> {
  const seconds = await timed(async () => {
    for (let i = 0; i < count; i++) {
      const parts = streams.names.map((streamName) => ({ streamName, events: [anEvent()], expectedRevision: streams.expected(streamName) }));
      const results = await store.appendToStreams(parts);
      results.forEach((result, index) => streams.advanced(streams.names[index], result.nextExpectedRevision));
    }
  });
  return { events: count * streams.names.length, seconds };
}

/**
 * Raw better-sqlite3 on the store's schema in a fresh file, with the store's pragmas: IMMEDIATE transactions of
 * inserts, one event per stream in turn, revisions and hash chains kept in memory.
 */
class RawWriter {
  private readonly db: Database.Database;
  private readonly transaction: (rows: number) => void;
  private readonly heads: { revision: bigint; hash: string }[];
  private next = 0;

  constructor(file: string, private readonly streams: readonly string[]) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    applyMigrations(this.db);
    const insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_name, category, stream_revision, batch_index, batch_size, type, data,
         metadata, recorded_at, hash)
       VALUES (@event_id, @stream_name, @category, @stream_revision, 0, 1, @type, @data, @metadata, @recorded_at, @hash)`,
    );
    this.heads = streams.map(() => ({ revision: -1n, hash: GENESIS_HASH }));
    const writeOne = (recordedAt: string) => {
      const index = this.next++ % this.streams.length;
      const event = anEvent();
      const row = {
        id: event.id,
        type: event.type,
        streamName: this.streams[index],
        revision: this.heads[index].revision + 1n,
        recordedAt,
        dataJson: JSON.stringify(event.data),
        metadataJson: JSON.stringify(event.metadata),
      };
      const hash = eventHash(this.heads[index].hash, row);
      insert.run({
        event_id: row.id,
        stream_name: row.streamName,
        category: streamCategory(row.streamName),
        stream_revision: row.revision,
        type: row.type,
        data: row.dataJson,
        metadata: row.metadataJson,
        recorded_at: recordedAt,
        hash,
      });
      this.heads[index] = { revision: row.revision, hash };
    };
    const transaction = this.db.transaction((rows: number) => {
      const recordedAt = new Date().toISOString();
      for (let i = 0; i < rows; i++) writeOne(recordedAt);
    });
    this.transaction = (rows) => transaction.immediate(rows);
  }

  /** `transactions` commits of `rowsPerTransaction` rows. */
  async write(transactions: number, rowsPerTransaction: number): Promise<Slice> {
    const seconds = await timed(async () => {
      for (let i = 0; i < transactions; i++) this.transaction(rowsPerTransaction);
    });
    return { events: transactions * rowsPerTransaction, seconds };
  }

  close(): void {
    this.db.close();
  }
}

/** The port and a raw writer over the same `streamCount` streams, each in a fresh file, closed after `scenario`. */
async function portAndRaw<T>(
  streamCount: number,
  scenario: (store: SqliteEventStore, streams: Streams, raw: RawWriter) => Promise<T>,
): Promise<T> {
  return inFreshFiles(2, async ([portFile, rawFile]) => {
    const store = SqliteEventStore.open(portFile);
    const raw = new RawWriter(rawFile, streamNames(streamCount));
    try {
      return await scenario(store, new Streams(streamCount), raw);
    } finally {
      await store.close();
      raw.close();
    }
  });
}

/** The concurrent scenario: slices of 32 clients through the port, each followed by the same rows raw. */
async function concurrentScenario() {
  return portAndRaw(CLIENTS, async (store, streams, raw) => {
    await concurrentClients(store, streams, 2); // warm-up
    await raw.write(2, CLIENTS);
    const port: Slice[] = [];
    const baseline: Slice[] = [];
    const groupSizes: number[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      const measured = await concurrentClients(store, streams, APPENDS_PER_CLIENT);
      port.push(measured);
      groupSizes.push(measured.groupSize);
      const rowsPerTransaction = Math.max(1, Math.round(measured.groupSize));
      baseline.push(await raw.write(Math.max(1, Math.round(measured.events / rowsPerTransaction)), rowsPerTransaction));
    }
    return { port, baseline, groupSize: median(groupSizes) };
  });
}

/** The multi-stream scenario: slices of appendToStreams over 200 streams, each followed by the same rows raw. */
async function multiStreamScenario() {
  return portAndRaw(STREAMS_PER_MULTI_APPEND, async (store, streams, raw) => {
    await multiStreamAppends(store, streams, 1); // warm-up
    await raw.write(1, STREAMS_PER_MULTI_APPEND);
    const port: Slice[] = [];
    const baseline: Slice[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      port.push(await multiStreamAppends(store, streams, MULTI_APPENDS));
      baseline.push(await raw.write(MULTI_APPENDS, STREAMS_PER_MULTI_APPEND));
    }
    return { port, baseline };
  });
}

/** One append at a time, a commit (and an fsync) each: what appends cost without group commit. */
async function serialScenario(): Promise<Slice> {
  return inFreshFiles(1, async ([file]) => {
    const store = SqliteEventStore.open(file);
    try {
      const [name] = streamNames(1);
      let expectedRevision: ExpectedRevision = 'no-stream';
      const seconds = await timed(async () => {
        for (let i = 0; i < SERIAL_APPENDS; i++) {
          expectedRevision = (await store.appendToStream(name, [anEvent()], { expectedRevision })).nextExpectedRevision;
        }
      });
      return { events: SERIAL_APPENDS, seconds };
    } finally {
      await store.close();
    }
  });
}

const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')} events/s`;

async function main(): Promise<void> {
  const concurrent = await concurrentScenario();
  const multi = await multiStreamScenario();
  const serial = await serialScenario();

  const concurrentRate = median(concurrent.port.map(rate));
  const concurrentBaseline = median(concurrent.baseline.map(rate));
  const multiRate = median(multi.port.map(rate));
  const multiBaseline = median(multi.baseline.map(rate));
  const groupSize = Math.round(concurrent.groupSize);
  process.stdout.write(
    `\nEvent store: durable appends (WAL, synchronous=FULL) through the port vs raw better-sqlite3, median of ${SLICES} alternating slices\n`,
  );
  record([
    {
      measurement: `SQLite append, ${CLIENTS} concurrent clients × 1 event, group commit (median ${concurrent.groupSize.toFixed(1)} appends/commit) / raw inserts of the same rows (hash included), ${groupSize} per transaction`,
      figure: perSecond(concurrentRate),
      baseline: perSecond(concurrentBaseline),
      ratio: concurrentRate / concurrentBaseline,
      target: `≥ ${TARGET} ×`,
      met: concurrentRate / concurrentBaseline >= TARGET,
    },
    {
      measurement: `SQLite appendToStreams, ${STREAMS_PER_MULTI_APPEND} streams × 1 event / raw inserts of the same rows (hash included), ${STREAMS_PER_MULTI_APPEND} per transaction`,
      figure: perSecond(multiRate),
      baseline: perSecond(multiBaseline),
      ratio: multiRate / multiBaseline,
      target: `≥ ${TARGET} ×`,
      met: multiRate / multiBaseline >= TARGET,
    },
    {
      measurement: `SQLite append, ${CLIENTS} concurrent clients (group commit) / one client, one commit per append`,
      figure: perSecond(concurrentRate),
      baseline: perSecond(rate(serial)),
      ratio: concurrentRate / rate(serial),
      target: 'none (what group commit buys)',
      met: null,
    },
  ]);
}

runBench(main);
