import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../conformance/conformance-fixture';
import { forkAppendWorker, transpileEventStore, type AppendWorker } from './testing/multi-process.fixture';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Several OS processes appending to one SQLite file: the deployment shape where the write lock, not the event
 * loop, has to keep the expected-revision check honest.
 */
describe('SqliteEventStore across processes', () => {
  let dir: string;
  let worker: string;
  let file: string;
  let workers: AppendWorker[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-mp-'));
    worker = transpileEventStore(join(dir, 'build'));
  });
  beforeEach(() => {
    file = join(dir, `events-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
    // Create the schema up front so the workers race on appends, not on migrations.
    const store = SqliteEventStore.open(file);
    return store.appendToStream('licence-mp', [newEvent()], { expectedRevision: 'no-stream' }).then(() => store.close());
  });
  afterEach(() => {
    for (const { child } of workers) if (child.exitCode === null) child.kill();
    workers = [];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Forks `count` workers, waits until each has its store open, releases them together and collects reports. */
  async function race(count: number, options: Parameters<typeof forkAppendWorker>[3]) {
    workers = Array.from({ length: count }, () => forkAppendWorker(worker, file, 'licence-mp', options));
    await Promise.all(workers.map((w) => w.ready));
    workers.forEach((w) => w.release());
    return Promise.all(workers.map((w) => w.report));
  }

  it('lets exactly one of several processes win a single append at the same revision', async () => {
    const reports = await race(6, { wins: 1, maxAttempts: 1, expected: 0n });
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(reports.reduce((sum, report) => sum + report.wins, 0)).toBe(1);
    expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBe(5);
  }, 30_000);

  it('keeps revisions and positions contiguous under sustained contention', async () => {
    const reports = await race(4, { wins: 15, maxAttempts: 1_000 });
    expect(reports.flatMap((report) => report.errors)).toEqual([]);
    expect(reports.map((report) => report.wins)).toEqual([15, 15, 15, 15]);

    const store = SqliteEventStore.open(file);
    try {
      const events = await store.readStream('licence-mp');
      expect(events.map((event) => Number(event.revision))).toEqual(Array.from({ length: 61 }, (_, i) => i));
      // Rolled-back appends do not consume positions: the log is 1..61 with no gaps.
      expect(events.map((event) => event.position)).toEqual(Array.from({ length: 61 }, (_, i) => String(i + 1)));
    } finally {
      await store.close();
    }
  }, 60_000);
});
