import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendSeal, SqliteEventStore, verifyLog, type NewEvent, type Position } from '@app/infra';
import { benchSize, record, runBench } from './measure';

const EVENTS = benchSize('BENCH_AUDIT_EVENTS', 100_000, 2_000);
const BATCH = 100;
const SEAL_EVERY = Math.min(10_000, EVENTS / 2);

function anEvent(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'CaseAssigned',
    data: { applicationId: randomUUID(), officerId: `officer-${n % 40}`, previousOfficerId: null, assignedAt: '2025-10-15T10:00:00.000Z', assignedBy: 'supervisor-1' },
    metadata: { actor: 'bench', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

/**
 * Verification of a sealed SQLite log of EVENTS events (default 100 000): the whole-log time, and the longest the
 * event loop went without a turn while it ran (what an API request would wait behind it at worst). The baseline is
 * reading the same log with `readAll` pages, in the same run: verification reads every event and hashes it.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lcm-audit-bench-'));
  const store = SqliteEventStore.open(path.join(dir, 'events.sqlite'));
  try {
    for (let written = 0; written < EVENTS; written += BATCH) {
      const events = Array.from({ length: BATCH }, (_, index) => anEvent(written + index));
      await store.appendToStream(`LicenceApplication-${written % 5000}`, events, { expectedRevision: 'any' });
      if ((written + BATCH) % SEAL_EVERY === 0) {
        await appendSeal(store, { reason: 'periodic', requestedBy: null, correlationId: 'bench', now: () => new Date() });
      }
    }
    const readStarted = performance.now();
    let read = 0;
    for (let after: Position | undefined; ; ) {
      const page = await store.readAll({ ...(after ? { after } : {}), limit: 1_000 });
      read += page.length;
      if (page.length < 1_000) break;
      after = page[page.length - 1]!.position;
    }
    const readSeconds = (performance.now() - readStarted) / 1000;
    let longestStall = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStall = Math.max(longestStall, now - last);
      last = now;
    }, 1);
    const started = performance.now();
    const report = await verifyLog(store, { contiguousPositions: true });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(ticker);
    process.stdout.write(
      `\nAudit: verify a sealed log of ${report.checked} events (${report.seals} seals): ${seconds.toFixed(2)} s, ` +
        `${Math.round(report.checked / seconds)} events/s, ok=${report.ok}; longest event-loop stall ${longestStall.toFixed(0)} ms\n`,
    );
    if (!report.ok) throw new Error('The benchmark log did not verify');
    const verifyRate = report.checked / seconds;
    const readRate = read / readSeconds;
    record([
      {
        measurement: `Audit: verify a sealed ${report.checked}-event log / read it (readAll)`,
        figure: `${seconds.toFixed(2)} s (${Math.round(verifyRate)} events/s), longest stall ${longestStall.toFixed(0)} ms`,
        baseline: `${Math.round(readRate)} events/s`,
        ratio: verifyRate / readRate,
        target: '',
        met: null,
      },
    ]);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
