import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { removeDir, startTestApp, type TestApp } from '../support/test-app';
import { officeTokens, submitCase } from '../support/case-actions';
import { caseOf, recordStatusChange, relistCambodia, runOf } from '../support/status-changes';

const KH_RADIOS = { parties: [{ role: 'end-user', name: 'Royal Cambodian Armed Forces', country: 'KH' }] };

/**
 * docs/product.md §2 (bitemporal): a change recorded today but effective in the future is re-evaluated when it comes into force,
 * durably scheduled, surviving restarts.
 */
describe('a future-dated change waits for its date, across restarts', () => {
  // Each test records the change on a data dir of its own, then restarts at its own date: no test depends on
  // another's restart or clock, whatever the order.
  let dataDir: string;
  let t: TestApp | null = null;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lcm-future-'));
  });
  afterEach(async () => {
    try {
      await t?.close();
    } finally {
      t = null;
      removeDir(dataDir);
    }
  });

  /** On 29 November 2026: a pending Cambodia case, then Cambodia's re-listing recorded effective 15 December. */
  async function recordFutureDatedChange(): Promise<{ app: TestApp; caseId: string; changeId: string; reevaluationId: string }> {
    const app = await startTestApp({ dataDir, now: '2026-11-29T09:00:00.000Z' });
    t = app;
    const caseId = await submitCase(app, officeTokens(app), KH_RADIOS);
    const { changeId, reevaluationId } = await recordStatusChange(app, 'KH', relistCambodia('2026-12-15'));
    await app.reevaluate();
    return { app, caseId, changeId, reevaluationId };
  }

  /** Stops the server and starts it again on the same data, with the clock at `now`. */
  async function restartAt(now: string): Promise<TestApp> {
    await t!.close();
    t = null;
    t = await startTestApp({ dataDir, now });
    return t;
  }

  it('is recorded now, shown as pending, and its run is scheduled', async () => {
    const { app, caseId, changeId, reevaluationId } = await recordFutureDatedChange();

    const auditor = `Bearer ${app.token(['auditor'])}`;
    const today = await app.http.get('/countries/KH').set('Authorization', auditor).expect(200);
    expect(today.body).toMatchObject({ status: 'not-listed', policyVersion: 3 });
    expect(today.body.pending).toEqual([expect.objectContaining({ changeId, to: 'denial-with-exceptions', effectiveOn: '2026-12-15', policyVersion: 5 })]);
    const onTheDay = await app.http.get('/countries/KH?asOf=2026-12-15').set('Authorization', auditor).expect(200);
    expect(onTheDay.body).toMatchObject({ status: 'denial-with-exceptions', paragraph: '(o)', policyVersion: 5, pending: [] });
    const dayBefore = await app.http.get('/countries/KH?asOf=2026-12-14').set('Authorization', auditor).expect(200);
    expect(dayBefore.body).toMatchObject({ status: 'not-listed', policyVersion: 3 });

    expect(await runOf(app, reevaluationId)).toMatchObject({ status: 'scheduled', scheduledFor: '2026-12-15', processed: 0 });
    expect((await caseOf(app, caseId)).reviewTrack).toBe('case-by-case');
    // Operations see the waiting run too (the seed's own runs are all done by now).
    expect((await app.http.get('/health').expect(200)).body.reevaluation).toEqual({ running: 0, due: 0, scheduled: 1, lastError: null });
  });

  it('still waits after a restart the day before', async () => {
    const { caseId, reevaluationId } = await recordFutureDatedChange();
    const app = await restartAt('2026-12-14T23:59:59.000Z');
    expect(await runOf(app, reevaluationId)).toMatchObject({ status: 'scheduled' });
    expect((await caseOf(app, caseId)).reviewTrack).toBe('case-by-case');
  });

  it('starts on its date after a restart (the server was down when the day came)', async () => {
    const { caseId, reevaluationId } = await recordFutureDatedChange();
    const app = await restartAt('2026-12-15T06:00:00.000Z');
    expect(await runOf(app, reevaluationId)).toMatchObject({ status: 'completed', processed: 1, changed: 1 });
    expect(await caseOf(app, caseId)).toMatchObject({ reviewTrack: 'policy-of-denial', policyDate: '2026-12-15' });
    expect((await app.http.get('/health').expect(200)).body.reevaluation).toEqual({ running: 0, due: 0, scheduled: 0, lastError: null });
  });

  it('starts on its own while the server runs: the scheduler notices the date without being asked', async () => {
    // The server comes back on 15 December, so the re-listing's run moves the first case on start-up.
    await recordFutureDatedChange();
    const app = await restartAt('2026-12-15T06:00:00.000Z');
    const second = await submitCase(app, officeTokens(app), KH_RADIOS);
    const { reevaluationId: later } = await recordStatusChange(app, 'KH', { ...relistCambodia('2026-12-20'), status: 'denial', paragraph: '(d)(1)', exceptions: [] });
    expect(await runOf(app, later)).toMatchObject({ status: 'scheduled' });
    app.clock.set('2026-12-20T00:00:01.000Z');
    const deadline = Date.now() + 15_000;
    let run = await runOf(app, later);
    while (run.status !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = await runOf(app, later);
    }
    // Both cases were already on policy of denial: the track does not change, but their determinations do (Table 1 now),
    // so each records DeterminationsRevised and never shows the stale ¶(o) determination (docs/regulatory-fidelity.md).
    expect(run).toMatchObject({ status: 'completed', processed: 2, changed: 0, revised: 2, unchanged: 0 });
    expect((await caseOf(app, second)).determinations).toEqual([
      expect.objectContaining({ policyStatus: 'denial', table: 1, provision: '22 CFR 126.1(d)(1)', policyVersion: 6 }),
    ]);
  });
});
