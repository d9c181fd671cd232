import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { submitCasesDirectly } from '../support/reevaluation-fixtures';
import { recordStatusChange, relistCambodia } from '../support/status-changes';

const CASES = 1500;
const NOW = '2026-11-29T09:00:00.000Z';

/**
 * A run of many cases reports its progress while it works, and the server keeps answering meanwhile: the run
 * yields to the event loop between cases (the SQLite store answers synchronously) instead of holding it to the end.
 */
describe('a long run reports progress and leaves the server responsive', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-progress-'));
  let t: TestApp | null = null;

  afterAll(async () => {
    await t?.close();
    removeDir(dataDir);
  });

  it('answers /health and shows processed growing while the run is running, then completes', async () => {
    // A first start seeds the register; the cases are then written straight into the store (seconds, not minutes).
    await (await startTestApp({ dataDir, now: NOW })).close();
    await submitCasesDirectly(
      dataDir,
      Array.from({ length: CASES }, (_, index) => ({ parties: [{ role: 'end-user', name: `Unit ${index}`, country: 'KH' }] })),
      { now: () => new Date(NOW) },
    );
    t = await startTestApp({ dataDir, now: NOW });
    const auditor = `Bearer ${t.token(['auditor'])}`;

    const { reevaluationId } = await recordStatusChange(t, 'KH', relistCambodia('2026-11-29'));
    const seen: Array<{ status: string; processed: number }> = [];
    let healthAnsweredWhileRunning = 0;
    const deadline = Date.now() + 120_000;
    for (;;) {
      const run = await t.http.get(`/reevaluations/${reevaluationId}`).set('Authorization', auditor).expect(200);
      seen.push({ status: run.body.status, processed: run.body.processed });
      if (run.body.status === 'completed' || Date.now() > deadline) break;
      if (run.body.status === 'running') {
        await t.http.get('/health').expect(200);
        healthAnsweredWhileRunning += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    expect(seen.at(-1)).toEqual({ status: 'completed', processed: CASES });
    const midway = seen.filter((entry) => entry.status === 'running' && entry.processed > 0 && entry.processed < CASES);
    expect(midway.length).toBeGreaterThan(0);
    // Progress only moves forward.
    const processed = seen.map((entry) => entry.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b));
    expect(healthAnsweredWhileRunning).toBeGreaterThan(0);
  }, 180_000);
});
