import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendSeal, SqliteEventStore, verifyLog, type NewEvent } from '@app/infra';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 100_000);
const BATCH = 100;
const SEAL_EVERY = 10_000;

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
 * event loop went without a turn while it ran (what an API request would wait behind it at worst).
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
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
